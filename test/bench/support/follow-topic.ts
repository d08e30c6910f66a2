import type { KafkaMessage } from 'kafkajs';
import { kafka, uniqueName } from '../../support/kafka';

/**
 * Follows a topic with a read-committed consumer of its own, from the beginning, handing each batch over
 * with the moment it arrived: what a downstream system would see, and when.
 */
export async function followTopic(
  topic: string,
  onBatch: (messages: readonly KafkaMessage[], arrivedAt: number) => void,
): Promise<{ stop: () => Promise<void> }> {
  const consumer = kafka.consumer({
    groupId: uniqueName('bench-reader'),
    readUncommitted: false,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachBatch: async ({ batch }) => onBatch(batch.messages, Date.now()) });
  return { stop: () => consumer.disconnect() };
}

/** Resolves once `condition()` holds, checking every `everyMs`. */
export async function until(condition: () => boolean | Promise<boolean>, everyMs = 20): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
