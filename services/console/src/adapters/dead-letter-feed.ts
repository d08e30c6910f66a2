import { DEAD_LETTER_HEADERS, deadLetterTopic, type TopicNames } from '@prizedraw/events';
import { kafkaLogCreator, readTopic, type TopicReader } from '@prizedraw/stream';
import { Kafka, type KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { firstText, headerValuesOf } from '../dead-letter-headers';
import type { DeadLetter, DeadLetterLog } from '../dead-letter-log';

/** Options of {@link startDeadLetterFeed}. */
export interface DeadLetterFeedOptions {
  readonly brokers: string[];
  readonly topics: TopicNames;
  readonly log: DeadLetterLog;
  readonly logger: Logger;
  /** How often to look for dead-letter topics that appeared since (a service creates its own on start). */
  readonly discoverEveryMs: number;
}

/**
 * Reads every dead-letter topic of this deployment (`<topic>.dlq` of each prizedraw topic) from its
 * beginning and follows it; topics that appear later are picked up within `discoverEveryMs`.
 */
export async function startDeadLetterFeed(options: DeadLetterFeedOptions): Promise<() => Promise<void>> {
  const { log, logger } = options;
  const kafka = new Kafka({
    clientId: 'prizedraw-console-dlq',
    brokers: options.brokers,
    logCreator: kafkaLogCreator(logger),
  });
  const wanted = new Set(Object.values(options.topics).map(deadLetterTopic));
  const readers = new Map<string, Promise<TopicReader>>();
  const admin = kafka.admin();
  await admin.connect();
  const discover = async () => {
    for (const topic of await admin.listTopics()) {
      if (!wanted.has(topic) || readers.has(topic)) continue;
      const reader = readTopic(
        kafka,
        topic,
        (message, partition) => log.add(topic, deadLetterOf(message, partition)),
        logger,
      );
      readers.set(topic, reader);
      reader.catch((error: unknown) =>
        logger.error({ err: error, topic }, 'console cannot read a dead-letter topic'),
      );
    }
  };
  await discover();
  const timer = setInterval(
    () =>
      void discover().catch((error: unknown) => logger.warn({ err: error }, 'dead-letter topics not listed')),
    options.discoverEveryMs,
  );
  timer.unref();
  return async () => {
    clearInterval(timer);
    await Promise.allSettled([...readers.values()].map(async (reader) => (await reader).stop()));
    await admin.disconnect();
  };
}

/** A dead-lettered record as the console keeps and shows it. */
export function deadLetterOf(message: KafkaMessage, partition: number): DeadLetter {
  const headers = headerValuesOf(message.headers);
  return {
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers,
    reason: firstText(headers, DEAD_LETTER_HEADERS.reason) ?? '(no reason header)',
    originTopic: firstText(headers, DEAD_LETTER_HEADERS.originTopic),
  };
}
