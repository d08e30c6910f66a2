import { registeredCounter } from '@prizedraw/service';
import { type Counter, Gauge, type Registry } from 'prom-client';

/** The notifications service's metrics. */
export interface NotificationsMetrics {
  /**
   * `prizedraw_notifications_messages_total{outcome,reason}`: delivered (onsite), queued (offline, monday,
   * no-gateway) or dropped (filtered, no-decision, expired, no-delivery-preference). Counted when processed,
   * so a batch retried after an aborted transaction counts again.
   */
  readonly messages: Counter<'outcome' | 'reason'>;
  /** `prizedraw_notifications_call_failures_total{dependency}`: failed attempts to call decisions or the gateway. */
  readonly callFailures: Counter<'dependency'>;
  /** `prizedraw_notifications_breaker_open{dependency}`: 1 while that circuit breaker is open. */
  readonly breakerOpen: Gauge<'dependency'>;
}

/** Registers (once per registry) the notifications metrics. */
export function notificationsMetrics(registry: Registry): NotificationsMetrics {
  const existing = registry.getSingleMetric('prizedraw_notifications_breaker_open') as
    | Gauge<'dependency'>
    | undefined;
  return {
    messages: registeredCounter(registry, {
      name: 'prizedraw_notifications_messages_total',
      help: 'Source events by what became of their message: delivered, queued or dropped, and why',
      labelNames: ['outcome', 'reason'],
    }),
    callFailures: registeredCounter(registry, {
      name: 'prizedraw_notifications_call_failures_total',
      help: 'Failed attempts to call decisions or the onsite gateway (each retried)',
      labelNames: ['dependency'],
    }),
    breakerOpen:
      existing ??
      new Gauge({
        name: 'prizedraw_notifications_breaker_open',
        help: '1 while the circuit breaker of a dependency is open',
        labelNames: ['dependency'],
        registers: [registry],
      }),
  };
}
