import { type Admin, AssignerProtocol, type Kafka, type PartitionAssigner } from 'kafkajs';
import type { Logger } from 'pino';
import type { ChangelogEntry, LevelKeyValueStore } from '../state/level-key-value-store';

export interface RestoreOptions {
  kafka: Kafka;
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
 * KafkaJS has no manual partition assignment, so the reader is a one-member consumer group of its own
 * whose assigner hands it exactly the one changelog partition.
 */
export async function restoreChangelog(options: RestoreOptions): Promise<number> {
  const { kafka, admin, topic, partition, store, logger } = options;
  const offsets = await admin.fetchTopicOffsets(topic);
  const { low, high } = offsets.find((o) => o.partition === partition) ?? { low: '0', high: '0' };
  const end = BigInt(high);
  let position = BigInt((await store.checkpoint()) ?? '-1');
  if (position < BigInt(low) || position > end) {
    // No checkpoint, or one from a topic that has since been deleted and re-created: start over.
    await store.wipe();
    position = BigInt(low);
  }
  if (position >= end) return 0;
  logger.info({ topic, partition, from: position.toString(), to: high }, 'restoring store from changelog');

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
        position = BigInt(lastOffset) + 1n;
        options.onProgress(restored, Number(end - position));
        if (position >= end) resolve();
      };
      // Batches of only control records or aborted writes never reach eachBatch; this event still moves us on.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => advance(payload.lastOffset));
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            const entries: ChangelogEntry[] = batch.messages.map((m) => ({
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
  logger.info({ topic, partition, restored }, 'store restored');
  return restored;
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
