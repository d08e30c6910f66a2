import type { Admin, ITopicConfig } from 'kafkajs';

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
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (error) {
      // Another instance may have created them between our list and create; anything else is real.
      if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
    }
  }
  const metadata = await admin.fetchTopicMetadata({ topics: [...new Set(specs.map((s) => s.topic))] });
  return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
}
