import { type Admin, AssignerProtocol, type Kafka, type PartitionAssigner } from 'kafkajs';
import type { Logger } from 'pino';
import type { ChangelogEntry, LevelKeyValueStore } from '../state/level-key-value-store';
import { askWhileRetriable } from './retriable-kafka-error';

/** The admin a restore asks for a changelog's bounds: one that lists high watermarks, not last stable offsets. */
export function changelogAdmin(kafka: Kafka): Admin {
  return kafka.admin({ readUncommitted: true });
}

export interface RestoreOptions {
  kafka: Kafka;
  /** Made by {@link changelogAdmin}. */
  admin: Admin;
  applicationId: string;
  topic: string;
  partition: number;
  store: LevelKeyValueStore<unknown>;
  logger: Logger;
  heartbeat: () => Promise<void>;
  onProgress: (restored: number, remaining: number) => void;
}

/**
 * Brings a store partition up to the end of its changelog: from the store's checkpoint when it has one,
 * else from the beginning. Returns the number of records replayed.
 *
 * The end is the high watermark. The store's checkpoint is written once its transaction committed, but the
 * last stable offset passes that transaction's records only when the commit markers are written: after a
 * broker restart that took a CI machine more than five seconds, and a restore that compared the checkpoint
 * with the last stable offset took it for a re-created topic, wiped the store and rebuilt it without the
 * last commits (a draw then sent 49 results twice). Records up to the high watermark that are not decided
 * yet hold the read-committed reader back until they are.
 */
export async function restoreChangelog(options: RestoreOptions): Promise<number> {
  const { admin, topic, partition, store, logger } = options;
  const checkpoint = await store.checkpoint();
  let position = BigInt(checkpoint ?? '-1');
  let { low, end } = await changelogBounds(admin, topic, partition);
  // A checkpoint past the changelog's high watermark means the topic was deleted and re-created (the store
  // must start over), or that the broker answered before it had its log back: asked again before anything
  // is wiped.
  for (let asked = 1; position > end && asked < CONFIRMATIONS; asked++) {
    logger.warn(
      { topic, partition, checkpoint, end: end.toString() },
      'store checkpoint past the changelog end; asking again',
    );
    await new Promise((resolve) => setTimeout(resolve, CONFIRMATION_WAIT_MS));
    ({ low, end } = await changelogBounds(admin, topic, partition));
  }
  if (position < low || position > end) {
    if (checkpoint !== undefined)
      logger.warn(
        { topic, partition, checkpoint, low: low.toString(), end: end.toString() },
        'store checkpoint outside the changelog: restoring the store from the start',
      );
    await store.wipe();
    position = low;
  }
  let restored = 0;
  // The end is asked again once reached: the store is restored only when nothing is left past it.
  while (position < end) {
    options.onProgress(restored, Number(end - position));
    logger.info(
      { topic, partition, from: position.toString(), to: end.toString() },
      'restoring store from changelog',
    );
    const read = await readChangelog(options, position, end, restored);
    restored += read.restored;
    position = read.position;
    ({ end } = await changelogBounds(admin, topic, partition));
  }
  if (restored > 0) logger.info({ topic, partition, restored }, 'store restored');
  return restored;
}

const CONFIRMATIONS = 5;
const CONFIRMATION_WAIT_MS = 1_000;

const BOUNDS_WAIT_MS = 10_000;

/**
 * The changelog partition's first offset and high watermark. KafkaJS's `fetchTopicOffsets` asks again only
 * for an unknown topic; a partition whose leader is not ready yet answers NOT_LEADER_OR_FOLLOWER, which
 * passes in a moment (a CI run: a task opened on a topic created just before failed there), so retriable
 * answers are asked again for a while before the task's opening fails.
 */
async function changelogBounds(admin: Admin, topic: string, partition: number) {
  const offsets = await askWhileRetriable(BOUNDS_WAIT_MS, () => admin.fetchTopicOffsets(topic));
  const { low, high } = offsets.find((o) => o.partition === partition) ?? { low: '0', high: '0' };
  return { low: BigInt(low), end: BigInt(high) };
}

/**
 * Replays the changelog into the store from `from` until `end`; returns how many records and where it got.
 * KafkaJS has no manual partition assignment, so the reader is a one-member consumer group of its own
 * whose assigner hands it exactly the one changelog partition.
 */
async function readChangelog(
  options: RestoreOptions,
  from: bigint,
  end: bigint,
  restoredBefore: number,
): Promise<{ restored: number; position: bigint }> {
  const { kafka, topic, partition, store, logger } = options;
  let position = from;
  const consumer = kafka.consumer({
    groupId: `${options.applicationId}-restore-${topic}-${partition}-${process.pid}-${Date.now()}`,
    partitionAssigners: [singlePartitionAssigner(topic, partition)],
    readUncommitted: false,
    allowAutoTopicCreation: false,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  let restored = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const advance = (lastOffset: string) => {
        if (BigInt(lastOffset) < position) return;
        position = BigInt(lastOffset) + 1n;
        options.onProgress(restoredBefore + restored, Number(end - position));
        if (position >= end) resolve();
      };
      // Batches of only control records or aborted writes never reach eachBatch; this event still moves us on.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => advance(payload.lastOffset));
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            // The consumer starts at the beginning, then seeks to `from`: a fetch made before the seek took
            // effect would replay older values over newer ones and move the checkpoint back. Skipped.
            const fresh = batch.messages.filter((m) => BigInt(m.offset) >= position);
            if (fresh.length < batch.messages.length)
              logger.warn(
                {
                  topic,
                  partition,
                  position: position.toString(),
                  skipped: batch.messages.length - fresh.length,
                },
                'changelog records before the restore position were fetched; skipped',
              );
            if (fresh.length === 0) return;
            const entries: ChangelogEntry[] = fresh.map((m) => ({
              key: m.key?.toString() ?? '',
              value: m.value === null ? null : m.value.toString(),
            }));
            await store.restore(entries, (BigInt(batch.lastOffset()) + 1n).toString());
            restored += entries.length;
            await heartbeat();
            await options.heartbeat();
          },
        })
        .then(() => consumer.seek({ topic, partition, offset: position.toString() }))
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { restored, position };
}

function singlePartitionAssigner(topic: string, partition: number): PartitionAssigner {
  const name = 'prizedraw-single-partition';
  return () => ({
    name,
    version: 1,
    async assign({ members }) {
      const assignment = { [topic]: [partition] };
      return members.map(({ memberId }, i) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: i === 0 ? assignment : {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}
