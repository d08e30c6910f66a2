import { type TopicNames, topicNames } from '@prizedraw/events';
import { ensureTopics } from '@prizedraw/stream';
import type { Admin } from 'kafkajs';
import type { BaseConfig } from './config';

/** The topic names of this deployment, from DC and BRAND. */
export function topicsOf(config: Pick<BaseConfig, 'DC' | 'BRAND'>): TopicNames {
  return topicNames({ dc: config.DC, brand: config.BRAND });
}

/**
 * Creates every prizedraw topic that does not exist yet, all with the same partition count so records of
 * one customer stay on one partition end to end (co-partitioning); the definitions, draw records and customer exclusions topics are compacted.
 */
export async function ensurePipelineTopics(admin: Admin, config: BaseConfig): Promise<void> {
  const topics = topicsOf(config);
  await ensureTopics(
    admin,
    Object.entries(topics).map(([name, topic]) => ({
      topic,
      compacted: name === 'definitions' || name === 'records' || name === 'exclusions',
    })),
    { partitions: config.PARTITIONS, replicationFactor: config.REPLICATION_FACTOR },
  );
}
