import { registeredCounter } from '@prizedraw/service';
import { type Counter, Gauge, type Registry } from 'prom-client';

/** The metrics of the onsite gateway. */
export interface OnsiteGatewayMetrics {
  /** `prizedraw_onsite_sessions_open`: event streams open now in this process. */
  readonly sessionsOpen: Gauge;
  /** `prizedraw_onsite_sessions_total`: event streams opened since start. */
  readonly sessionsOpened: Counter;
  /** `prizedraw_onsite_messages_total{outcome}`: delivered (to ≥ 1 session) or offline (404). */
  readonly messages: Counter<'outcome'>;
  /** `prizedraw_onsite_online_events_total{outcome}`: customer-online events produced, or failed for good. */
  readonly onlineEvents: Counter<'outcome'>;
}

/** Registers (once per registry) the onsite gateway's metrics. */
export function onsiteGatewayMetrics(registry: Registry): OnsiteGatewayMetrics {
  const sessionsOpen =
    (registry.getSingleMetric('prizedraw_onsite_sessions_open') as Gauge | undefined) ??
    new Gauge({
      name: 'prizedraw_onsite_sessions_open',
      help: 'Onsite event streams (Server-Sent Events) open now',
      registers: [registry],
    });
  const messages = registeredCounter(registry, {
    name: 'prizedraw_onsite_messages_total',
    help: 'Customer messages posted to the gateway, by outcome (delivered to at least one session, offline)',
    labelNames: ['outcome'],
  });
  for (const outcome of ['delivered', 'offline']) messages.inc({ outcome }, 0);
  const onlineEvents = registeredCounter(registry, {
    name: 'prizedraw_onsite_online_events_total',
    help: 'customer-online events, by outcome (produced, failed after its retries)',
    labelNames: ['outcome'],
  });
  for (const outcome of ['produced', 'failed']) onlineEvents.inc({ outcome }, 0);
  return {
    sessionsOpen,
    sessionsOpened: registeredCounter(registry, {
      name: 'prizedraw_onsite_sessions_total',
      help: 'Onsite event streams opened since the process started',
    }),
    messages,
    onlineEvents,
  };
}
