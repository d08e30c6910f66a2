import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/** Where {@link publishedIds} looks. */
export interface PublishedIdsQuery {
  readonly topic: string;
  /** The CloudEvent source whose events count. */
  readonly source: string;
  /** The ce_ids looked for. */
  readonly wanted: ReadonlySet<string>;
  /** The look-up's consumer group is this plus a random suffix. */
  readonly groupPrefix: string;
  /** Records older than this (their Kafka timestamp) are not read. */
  readonly since: Date;
  /** Fails the look-up when it takes longer (a broker in trouble): the caller retries. Default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * The ce_ids of `wanted` that `source` committed to `topic` from `since` on. Reads each partition from the
 * first offset whose timestamp is at or after `since` to its end as the look-up began, committed records
 * only, as a consumer group of its own that commits nothing: a relay restarting after a crash reads what
 * its predecessor may have published, not the whole topic.
 */
export async function publishedIds(kafka: Kafka, query: PublishedIdsQuery): Promise<string[]> {
  const { topic } = query;
  const admin = kafka.admin();
  await admin.connect();
  const [starts, ends] = await Promise.all([
    admin.fetchTopicOffsetsByTimestamp(topic, query.since.getTime()),
    admin.fetchTopicOffsets(topic),
  ]).finally(() => admin.disconnect());
  const high = new Map(ends.map((end) => [end.partition, BigInt(end.high)]));
  const from = new Map(
    starts
      .filter(
        (start) => BigInt(start.offset) >= 0n && BigInt(start.offset) < (high.get(start.partition) ?? 0n),
      )
      .map((start) => [start.partition, start.offset]),
  );
  if (from.size === 0) return [];
  const behind = new Map([...from.keys()].map((partition) => [partition, high.get(partition) ?? 0n]));
  const found: string[] = [];
  const consumer = kafka.consumer({
    groupId: `${query.groupPrefix}-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 250,
  });
  await consumer.connect();
  try {
    const caughtUp = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`reading ${topic} for published outbox rows took over ${query.timeoutMs ?? 60_000} ms`),
          ),
        query.timeoutMs ?? 60_000,
      );
      // Fires for batches of transaction markers too, whose offsets count towards the end.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (BigInt(payload.lastOffset) + 1n >= (behind.get(payload.partition) ?? 0n))
          behind.delete(payload.partition);
        if (behind.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
    });
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (!behind.has(batch.partition)) return;
        for (const message of batch.messages) {
          const id = message.headers?.ce_id?.toString();
          if (
            id !== undefined &&
            query.wanted.has(id) &&
            message.headers?.ce_source?.toString() === query.source
          )
            found.push(id);
        }
      },
    });
    // Every partition is read from its start offset, or from its end when nothing there is recent enough.
    for (const [partition, end] of high) {
      consumer.seek({ topic, partition, offset: from.get(partition) ?? end.toString() });
    }
    await caughtUp;
  } finally {
    await consumer.disconnect();
  }
  return found;
}
