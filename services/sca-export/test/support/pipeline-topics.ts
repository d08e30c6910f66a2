import { type BaseConfig, ensurePipelineTopics, topicsOf } from '@prizedraw/service';
import { kafka } from '../../../../test/support/kafka';
import { until } from './until';

/**
 * Creates the brand's pipeline topics and waits until each answers offset requests: a topic just created
 * may not for a moment (its leader is still being announced).
 */
export async function createPipelineTopics(config: BaseConfig): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensurePipelineTopics(admin, config);
    const topics = Object.values(topicsOf(config));
    await until(
      () =>
        Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic))).then(
          () => true,
          () => false,
        ),
      'topic leaders',
    );
  } finally {
    await admin.disconnect();
  }
}
