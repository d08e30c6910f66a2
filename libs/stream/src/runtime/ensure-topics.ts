import type { Admin, ITopicConfig } from 'kafkajs';
import { askWhileRetriable } from './retriable-kafka-error';

export interface TopicSpec {
  topic: string;
  compacted?: boolean;
}

/**
 * Creates the topics that do not exist yet (the broker does not create topics on its own) and returns
 * the partition count of every topic named.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  defaults: { partitions: number; replicationFactor: number },
): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = [];
  for (const { topic, compacted } of specs) {
    if (existing.has(topic) || missing.some((t) => t.topic === topic)) continue;
    missing.push({
      topic,
      numPartitions: defaults.partitions,
      replicationFactor: defaults.replicationFactor,
      configEntries: compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
    });
  }
  if (missing.length > 0) {
    try {
      // Not waitForLeaders: KafkaJS retries that wait only on LEADER_NOT_AVAILABLE, while a KRaft broker
      // may first answer UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created. partitionCounts waits.
      await admin.createTopics({ topics: missing, waitForLeaders: false });
    } catch (error) {
      // Another instance may have created them between our list and create; anything else is real.
      if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
    }
  }
  return partitionCounts(admin, [...new Set(specs.map((s) => s.topic))]);
}

const METADATA_WAIT_MS = 30_000;

/**
 * A topic another instance has just created can be unknown to the broker's metadata cache for a moment
 * (UNKNOWN_TOPIC_OR_PARTITION, or partitions without a leader yet): retry retriable answers for a while.
 */
async function partitionCounts(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  return askWhileRetriable(METADATA_WAIT_MS, async () => {
    const metadata = await admin.fetchTopicMetadata({ topics });
    const leaderless = metadata.topics.filter((t) => t.partitions.some((p) => p.leader < 0));
    if (leaderless.length > 0) {
      const names = leaderless.map((t) => t.name).join(', ');
      throw Object.assign(new Error(`topics without partition leaders: ${names}`), { retriable: true });
    }
    return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
  });
}

/**
 * Deletes every topic whose name contains one of `names` (a brand, an application id) and returns how many.
 * For runs that made topics of their own and are done with them: a broker keeps a topic, and its open
 * files, until it is deleted; retention empties it, and nothing else removes it.
 */
export async function deleteTopicsContaining(admin: Admin, names: readonly string[]): Promise<number> {
  if (names.length === 0) return 0;
  const topics = (await admin.listTopics()).filter((topic) => names.some((name) => topic.includes(name)));
  if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  return topics.length;
}
