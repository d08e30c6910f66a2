import { type DataCodec, EVENT_TYPES } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import type { messageQueueProcessors } from './processors/message-queue-processors';
import {
  type RedemptionDeletesOptions,
  RedemptionDeletesProcessor,
} from './processors/redemption-deletes-processor';
import { typedEventSource } from './typed-event-source';

/** The topics the message queue reads. */
export interface MessageQueueTopics {
  /** `{brand}.message-queue.inbound`: messages to queue. */
  readonly inbound: string;
  /** `{brand}.customers.online`: customers who opened a session. */
  readonly online: string;
  /** `msq.inbound.delete.{env}`: delete instructions. */
  readonly deletes: string;
}

/**
 * Three sources, one processor each, no sinks: the queue's output is MariaDB and the gateway. A record of
 * another event type, or one that fails its schema, goes to its topic's dead-letter topic with the reason.
 */
export function createMessageQueueTopology(
  topics: MessageQueueTopics,
  processors: ReturnType<typeof messageQueueProcessors>,
  dataCodec?: DataCodec,
): Topology {
  return new Topology()
    .addSource('inbound', typedEventSource(topics.inbound, EVENT_TYPES.customerMessage, dataCodec))
    .addProcessor('queue', processors.queue, 'inbound')
    .addSource('online', typedEventSource(topics.online, EVENT_TYPES.customerOnline, dataCodec))
    .addProcessor('wake', processors.wake, 'online')
    .addSource('deletes', typedEventSource(topics.deletes, EVENT_TYPES.messageDelete, dataCodec))
    .addProcessor('delete', processors.delete, 'deletes');
}

/**
 * Options of {@link createRedemptionDeletesTopology}: its topics and, optionally, the processor's timings
 * (default: won draws remembered 24 h past their coupon's expiry, looked over every 60 s).
 */
export interface RedemptionDeletesTopologyOptions
  extends Partial<Pick<RedemptionDeletesOptions, 'retentionMs' | 'expiryIntervalMs' | 'onRedemption'>> {
  /** `{brand}.instant-win.events`, the redemptions (and the draws they name). */
  readonly instantWinEvents: string;
  /** `msq.inbound.delete.{env}`, where the instructions go. */
  readonly deletes: string;
  readonly dataCodec?: DataCodec;
}

/** The store of won, unredeemed draws; its changelog is `<applicationId>-won-changelog`. */
export const WON_STORE = 'won';

/**
 * Coupon redemptions → delete instructions for the win messages they make pointless, exactly once (a
 * stream application of its own: its output is a Kafka topic, unlike the queue's). Records of another type
 * go to `<instant-win events>.dlq`.
 */
export function createRedemptionDeletesTopology(options: RedemptionDeletesTopologyOptions): Topology {
  const { retentionMs = 24 * 3_600_000, expiryIntervalMs = 60_000, dataCodec } = options;
  return new Topology()
    .addSource('instant-win', cloudEventSource(options.instantWinEvents, dataCodec))
    .addProcessor(
      'redemptions',
      () =>
        new RedemptionDeletesProcessor({
          storeName: WON_STORE,
          deletesSink: 'deletes',
          retentionMs,
          expiryIntervalMs,
          ...(options.onRedemption && { onRedemption: options.onRedemption }),
        }),
      'instant-win',
    )
    .addStateStore({ name: WON_STORE }, 'redemptions')
    .addSink('deletes', cloudEventSink(options.deletes, 'message-queue', dataCodec), 'redemptions');
}
