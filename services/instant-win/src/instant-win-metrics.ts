import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/** The counters of the instant-win service. */
export interface InstantWinMetrics {
  /** `prizedraw_instant_win_requests_total{operation,outcome}`: outcome is `ok` or the problem. */
  readonly requests: Counter<'operation' | 'outcome'>;
  /** `prizedraw_instant_win_draws_total{outcome}`: committed draws, won or no-coupon. */
  readonly draws: Counter<'outcome'>;
  /** `prizedraw_instant_win_outbox_relayed_total`: events published to Kafka by the relay. */
  readonly relayed: Counter;
  /** `prizedraw_instant_win_relay_failures_total`: failed relay attempts (MariaDB or Kafka down), retried. */
  readonly relayFailures: Counter;
}

/** Registers (once per registry) the instant-win counters. */
export function instantWinMetrics(registry: Registry): InstantWinMetrics {
  const draws = registeredCounter(registry, {
    name: 'prizedraw_instant_win_draws_total',
    help: 'Instant-win draws committed, by outcome (won, no-coupon)',
    labelNames: ['outcome'],
  });
  for (const outcome of ['won', 'no-coupon']) draws.inc({ outcome }, 0);
  return {
    requests: registeredCounter(registry, {
      name: 'prizedraw_instant_win_requests_total',
      help: 'Instant-win API requests by operation and outcome (ok, or the problem: database-unavailable is a 503)',
      labelNames: ['operation', 'outcome'],
    }),
    draws,
    relayed: registeredCounter(registry, {
      name: 'prizedraw_instant_win_outbox_relayed_total',
      help: 'Instant-win outbox events published to Kafka',
    }),
    relayFailures: registeredCounter(registry, {
      name: 'prizedraw_instant_win_relay_failures_total',
      help: 'Failed attempts of the instant-win outbox relay (MariaDB or Kafka unreachable, fenced); retried',
    }),
  };
}
