import { type TopicNames, topicNames } from '@prizedraw/events';
import type { Admin } from 'kafkajs';
import type { BaseConfig } from './config';

/** The topic names of this deployment, from DC and BRAND. */
export function topicsOf(config: Pick<BaseConfig, 'DC' | 'BRAND'>): TopicNames {
  return topicNames({ dc: config.DC, brand: config.BRAND });
}

/**
 * Creates every prizedraw topic that does not exist yet, all with the same partition count so records of
 * one customer stay on one partition end to end (co-partitioning); the definitions topic is compacted.
 */
export async function ensurePipelineTopics(admin: Admin, config: BaseConfig): Promise<void> {
  const topics = topicsOf(config);
  const existing = new Set(await admin.listTopics());
  const missing = Object.entries(topics).filter(([, topic]) => !existing.has(topic));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map(([name, topic]) => ({
      topic,
      numPartitions: config.PARTITIONS,
      replicationFactor: config.REPLICATION_FACTOR,
      configEntries: name === 'definitions' ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
    })),
  });
}
