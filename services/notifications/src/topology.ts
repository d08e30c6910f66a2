import type { DataCodec, TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import {
  NotificationsProcessor,
  type NotificationsProcessorOptions,
} from './processors/notifications-processor';
import { UnqualificationProcessor } from './processors/unqualification-processor';

/** Stage name on the records' timeline and their CloudEvent source (`/prizedraw/notifications`). */
export const NOTIFICATIONS_STAGE = 'notifications';

/** Options of {@link notificationsTopology}. */
export interface NotificationsTopologyOptions {
  readonly topics: Pick<
    TopicNames,
    | 'results'
    | 'ticketUpdates'
    | 'unqualified'
    | 'instantWinEvents'
    | 'messageQueueInbound'
    | 'messagesDelivered'
  >;
  /** Everything of the processor but its sinks. */
  readonly processor: Omit<NotificationsProcessorOptions, 'queueSink' | 'deliveredSink'>;
  readonly dataCodec?: DataCodec;
}

/**
 * FRED + BCG: draw results, ticket counts, unqualifications and instant-win draws → decisions → onsite gateway
 * (each message it delivered is then recorded on the delivered topic, with when), or the message queue topic.
 * Input that cannot be decoded or validated, or whose message cannot be made (no template), goes to
 * `<topic>.dlq` with the reason.
 */
export function notificationsTopology(options: NotificationsTopologyOptions): Topology {
  const { topics, dataCodec } = options;
  return new Topology()
    .addSource('results', cloudEventSource(topics.results, dataCodec))
    .addSource('ticket-updates', cloudEventSource(topics.ticketUpdates, dataCodec))
    .addSource('unqualified', cloudEventSource(topics.unqualified, dataCodec))
    .addSource('instant-win', cloudEventSource(topics.instantWinEvents, dataCodec))
    .addProcessor(
      'notify',
      () =>
        new NotificationsProcessor({ ...options.processor, queueSink: 'queue', deliveredSink: 'delivered' }),
      'results',
      'ticket-updates',
      'unqualified',
      'instant-win',
    )
    .addSink('queue', cloudEventSink(topics.messageQueueInbound, NOTIFICATIONS_STAGE, dataCodec), 'notify')
    .addSink('delivered', cloudEventSink(topics.messagesDelivered, NOTIFICATIONS_STAGE, dataCodec), 'notify');
}

/**
 * DEC's EPPM processor (week-one unqualification): `{dc}.{brand}.eppm.activity` → unqualifications on
 * `{brand}.relevant.unqualification.events`, which notifications reads directly (no dedupe stage).
 */
export function unqualificationTopology(options: {
  readonly topics: Pick<TopicNames, 'eppmActivity' | 'unqualified'>;
  readonly dataCodec?: DataCodec;
}): Topology {
  const { topics, dataCodec } = options;
  return new Topology()
    .addSource('eppm', cloudEventSource(topics.eppmActivity, dataCodec))
    .addProcessor('unqualify', () => new UnqualificationProcessor('unqualified'), 'eppm')
    .addSink(
      'unqualified',
      cloudEventSink(topics.unqualified, 'eppm-unqualification', dataCodec),
      'unqualify',
    );
}
