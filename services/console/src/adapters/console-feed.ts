import {
  type DataCodec,
  decodeAndValidate,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type TopicNames,
} from '@prizedraw/events';
import { kafkaLogCreator, readTopic, type TopicReader } from '@prizedraw/stream';
import { Kafka, type KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { applyEvent } from '../apply-event';
import type { CustomerMessageLog } from '../customer-messages';
import type { DrawBoard } from '../draw-board';
import type { PipelineTimings } from '../pipeline-timings';
import type { ScaExportRequest } from '../sca-exports';

// The CloudEvent source of the delivered events the message queue writes (its MESSAGE_QUEUE_SOURCE); the
// others on the topic are notifications'.
const MESSAGE_QUEUE_SOURCE = '/prizedraw/message-queue';

/** Options of {@link startConsoleFeed}. */
export interface ConsoleFeedOptions {
  readonly brokers: string[];
  readonly topics: TopicNames;
  readonly board: DrawBoard;
  /** Throughput and latency of the topics read, from each event's timeline. */
  readonly timings: PipelineTimings;
  /** The messages notifications queued, by customer. */
  readonly messages: CustomerMessageLog;
  /** The latest export request of each SCA draw. */
  readonly scaRequests: Map<string, ScaExportRequest>;
  readonly dataCodec: DataCodec;
  readonly logger: Logger;
}

/**
 * Feeds the board from what prizedraw writes: live ticket counts, triggers, results, draw records and the
 * wallet's runs (per-partition progress), the messages queued for customers and the SCA export requests,
 * each topic read whole from its beginning and followed (a reader of its own, never committing, so every
 * console instance sees everything). A record that cannot be read is logged and skipped: the console only shows, the
 * services that own the topics dead-letter. Resolves once the readers run, without waiting for them to catch
 * up (a topic of a million results takes a while): the counts fill in as they read.
 */
export async function startConsoleFeed(options: ConsoleFeedOptions): Promise<() => Promise<void>> {
  const { board, dataCodec, logger, topics } = options;
  const kafka = new Kafka({
    clientId: 'prizedraw-console',
    brokers: options.brokers,
    logCreator: kafkaLogCreator(logger),
  });
  const apply = async (message: KafkaMessage, topic: string, partition: number) => {
    const origin = { topic, partition, offset: message.offset };
    try {
      const event = await decodeAndValidate(message, { dataCodec, origin });
      const timestamp = Number(message.timestamp);
      if (event.type === EVENT_TYPES.customerMessage)
        options.messages.add({ message: event.data, partition, offset: message.offset, queuedAt: timestamp });
      else if (event.type === EVENT_TYPES.customerMessageDelivered) {
        const { deliveredAt, ...delivered } = event.data;
        options.messages.add({
          message: delivered,
          deliveredAt: Date.parse(deliveredAt),
          by: event.source === MESSAGE_QUEUE_SOURCE ? 'message-queue' : 'notifications',
        });
      } else if (event.type === PIPELINE_EVENT_TYPES.scaExportReady)
        options.scaRequests.set(event.data.drawId, {
          ready: event.data,
          partition,
          offset: message.offset,
          at: timestamp,
        });
      else applyEvent(board, event, partition, timestamp);
      options.timings.add(topic, timestamp, event.timeline, Date.now());
    } catch (error) {
      logger.warn({ err: error, ...origin }, 'console skipped a record it cannot read');
    }
  };
  const readers: TopicReader[] = await Promise.all(
    [
      topics.ticketUpdates,
      topics.triggers,
      topics.results,
      topics.records,
      topics.runs,
      topics.messageQueueInbound,
      topics.messagesDelivered,
      topics.scaExports,
    ].map((topic) =>
      readTopic(kafka, topic, (message, partition) => apply(message, topic, partition), logger),
    ),
  );
  void Promise.all(readers.map((reader) => reader.caughtUp)).then(
    () => logger.info('console caught up with the topics'),
    (error: unknown) => logger.error({ err: error }, 'console could not read the topics'),
  );
  return async () => {
    await Promise.all(readers.map((reader) => reader.stop()));
  };
}
