import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

// A range read is a page of an operator's screen: past this, the broker is not answering.
const RANGE_TIMEOUT_MS = 20_000;

/**
 * The committed records of one partition with offsets in [from, to), read straight from Kafka (a consumer
 * group of its own that commits nothing, seeking to `from`): how the console pages through a dead-letter
 * topic beyond the records it keeps. `to` is at most the partition's end; offsets of transaction markers
 * and compacted records are absent, so fewer than `to - from` may come back.
 */
export async function readPartitionRange(
  kafka: Kafka,
  topic: string,
  partition: number,
  from: bigint,
  to: bigint,
): Promise<KafkaMessage[]> {
  if (to <= from) return [];
  const consumer = kafka.consumer({
    groupId: `console-range-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  const messages: KafkaMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic} ${partition}: offsets ${from}–${to} not read within 20 s`)),
        RANGE_TIMEOUT_MS,
      );
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      // Fires for batches of transaction markers too, whose offsets count towards `to`.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.partition === partition && BigInt(payload.lastOffset) + 1n >= to) done();
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (batch.partition !== partition) return;
            for (const message of batch.messages) {
              const offset = BigInt(message.offset);
              if (offset >= from && offset < to) messages.push(message);
            }
          },
        })
        .then(() => consumer.seek({ topic, partition, offset: from.toString() }), reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
