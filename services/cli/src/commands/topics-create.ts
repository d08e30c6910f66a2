import { type BaseConfig, ensurePipelineTopics, topicsOf } from '@prizedraw/service';
import { Kafka, logLevel } from 'kafkajs';
import { table } from '../output';

/**
 * `prizedraw topics create`: creates every pipeline topic of this DC and brand that is missing (the
 * definitions topic compacted), as the services do at start-up, so a deployment can create them up front
 * (the Kubernetes Job) and give the services no right to create them. Stops with status 1 when a topic of the
 * brand has a partition count other than PARTITIONS: one customer's records would no longer stay on one
 * partition end to end (co-partitioning).
 */
export async function topicsCreate(config: BaseConfig): Promise<void> {
  const admin = new Kafka({
    clientId: 'prizedraw-cli',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  }).admin();
  await admin.connect();
  try {
    await ensurePipelineTopics(admin, config);
    const { topics } = await admin.fetchTopicMetadata({ topics: Object.values(topicsOf(config)) });
    table(
      `prizedraw topics of dc ${config.DC}, brand ${config.BRAND}: partitions`,
      topics.map((topic) => [topic.name, topic.partitions.length]),
    );
    // The message queue's delete instructions are one topic per environment, shared by every brand (the seed's
    // `msq.inbound.delete.{env}`), so the first brand's PARTITIONS made it; nothing is co-partitioned with it.
    const shared = topicsOf(config).messageDeletes;
    const off = topics.filter(
      (topic) => topic.name !== shared && topic.partitions.length !== config.PARTITIONS,
    );
    if (off.length > 0) {
      const found = off.map((topic) => `${topic.name} (${topic.partitions.length})`).join(', ');
      throw new Error(`PARTITIONS is ${config.PARTITIONS} but these topics differ: ${found}`);
    }
  } finally {
    await admin.disconnect();
  }
}
