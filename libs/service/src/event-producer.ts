import { bind, type DataCodec, encodeEvent, toCloudEvent } from '@prizedraw/events';
import { kafkaLogCreator } from '@prizedraw/stream';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Logger } from 'pino';

/** One CloudEvent to produce: its type, record key and data; `id` and `time` default to new ones. */
export interface EventToProduce {
  readonly type: string;
  readonly key: string;
  readonly data: unknown;
  readonly id?: string;
  /** When it happened, ISO-8601; default now. */
  readonly time?: string;
}

/** Sends CloudEvents (binary mode) from one source; a send resolves once every in-sync replica has them. */
export interface EventProducer {
  send(topic: string, events: readonly EventToProduce[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A connected, idempotent producer of CloudEvents from `source` (e.g. `/prizedraw/scheduler`) that sends with
 * acks=all: when `send` resolves, the events are durably in Kafka.
 */
export async function createEventProducer(options: {
  brokers: string[];
  clientId: string;
  source: string;
  /** Where KafkaJS's own errors go; default its console logger. */
  logger?: Logger;
  /** How event data is written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  dataCodec?: DataCodec;
}): Promise<EventProducer> {
  const { dataCodec } = options;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.ERROR,
    ...(options.logger ? { logCreator: kafkaLogCreator(options.logger) } : {}),
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  return {
    async send(topic, events) {
      const messages = events.map(({ type, key, data, id, time }) =>
        encodeEvent(
          toCloudEvent(bind(data), {
            type,
            source: options.source,
            subject: key,
            ...(id === undefined ? {} : { id }),
            ...(time === undefined ? {} : { time }),
          }),
          { key, dataCodec, topic },
        ),
      );
      await producer.send({ topic, messages, acks: -1 });
    },
    close: () => producer.disconnect(),
  };
}
