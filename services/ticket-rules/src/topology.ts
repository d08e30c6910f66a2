import type { DataCodec, TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import { TicketRulesProcessor } from './processors/ticket-rules-processor';

/** Options of {@link ticketRulesTopology}. */
export interface TicketRulesTopologyOptions {
  /** Reads `relevant`, writes `tickets` (grants and markers) and `ticketUpdates` (live counts). */
  readonly topics: Pick<TopicNames, 'relevant' | 'tickets' | 'ticketUpdates'>;
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  readonly dataCodec?: DataCodec;
}

/** Stage name on the records' timeline (`ticket-rules.out`) and their CloudEvent source. */
export const TICKET_RULES_STAGE = 'ticket-rules';
/** The totals store; its changelog is `<applicationId>-ticket-totals-changelog`. */
export const TOTALS_STORE = 'ticket-totals';

/**
 * The ticket rule engine's topology: relevant activity → ticket grants on `tickets` and live counts on
 * `ticketUpdates`, with the stake and tickets per customer and draw in LevelDB. Invalid input goes to
 * `<relevant>.dlq`.
 */
export function ticketRulesTopology({ topics, dataCodec }: TicketRulesTopologyOptions): Topology {
  return new Topology()
    .addSource('relevant', cloudEventSource(topics.relevant, dataCodec))
    .addProcessor(
      'ticket-rules',
      () =>
        new TicketRulesProcessor({
          storeName: TOTALS_STORE,
          ticketsSink: 'tickets',
          ticketUpdatesSink: 'ticket-updates',
        }),
      'relevant',
    )
    .addStateStore({ name: TOTALS_STORE }, 'ticket-rules')
    .addSink('tickets', cloudEventSink(topics.tickets, TICKET_RULES_STAGE, dataCodec), 'ticket-rules')
    .addSink(
      'ticket-updates',
      cloudEventSink(topics.ticketUpdates, TICKET_RULES_STAGE, dataCodec),
      'ticket-rules',
    );
}
