import { bind, createDataCodec, encodeEvent, toCloudEvent } from '@prizedraw/events';
import { type BaseConfig, ensurePipelineTopics } from '@prizedraw/service';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/**
 * Sends CloudEvents from the CLI (source `/prizedraw/cli`), creating prizedraw's topics if missing; the data
 * goes through the schema registry when `SCHEMA_REGISTRY_URL` is set, as the services' does.
 */
export async function publish(
  config: BaseConfig,
  topic: string,
  events: readonly { type: string; key: string; data: unknown }[],
): Promise<void> {
  const dataCodec = await createDataCodec({ schemaRegistryUrl: config.SCHEMA_REGISTRY_URL });
  const kafka = new Kafka({
    clientId: 'prizedraw-cli',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  await ensurePipelineTopics(admin, config).finally(() => admin.disconnect());
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    const messages = events.map(({ type, key, data }) =>
      encodeEvent(toCloudEvent(bind(data), { type, source: '/prizedraw/cli', subject: key }), {
        key,
        dataCodec,
        topic,
      }),
    );
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}
