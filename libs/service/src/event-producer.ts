import { setTimeout as sleep } from 'node:timers/promises';
import { bind, type DataCodec, encodeEvent, toCloudEvent } from '@prizedraw/events';
import { isRetriableKafkaError, kafkaLogCreator } from '@prizedraw/stream';
import { Kafka, logLevel, type Message, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { KafkaUnavailableError } from './kafka-unavailable-error';

/** One CloudEvent to produce: its type, record key and data; `id` and `time` default to new ones. */
export interface EventToProduce {
  readonly type: string;
  readonly key: string;
  readonly data: unknown;
  readonly id?: string;
  /** When it happened, ISO-8601; default now. */
  readonly time?: string;
}

/**
 * Sends CloudEvents (binary mode) from one source; a send resolves once every in-sync replica has them, or
 * rejects with a {@link KafkaUnavailableError} when Kafka did not take them in time.
 */
export interface EventProducer {
  send(topic: string, events: readonly EventToProduce[]): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createEventProducer}. */
export interface EventProducerOptions {
  brokers: string[];
  clientId: string;
  source: string;
  /** Where KafkaJS's own errors go; default its console logger. */
  logger?: Logger;
  /** How event data is written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  dataCodec?: DataCodec;
  /**
   * How long one send may take, connecting included, before it fails with a KafkaUnavailableError.
   * Default 10 s: an HTTP client gets its 503 well before its own timeout.
   */
  sendTimeoutMs?: number;
  /** What a KafkaUnavailableError tells the caller to wait. Default 5 s. */
  retryAfterSeconds?: number;
}

// KafkaJS's idempotent producer retries a send forever by default; a send it gives up on is failed here
// anyway (and its producer dropped), so its own retries are kept to a few seconds: a dropped producer's
// send in flight then ends soon instead of reconnecting in the background for the whole outage.
const RETRY = { retries: 5, initialRetryTime: 200, maxRetryTime: 2_000 };

/**
 * A connected, idempotent producer of CloudEvents from `source` (e.g. `/prizedraw/scheduler`) that sends with
 * acks=all: when `send` resolves, the events are durably in Kafka.
 *
 * A send that fails or outlasts `sendTimeoutMs` (the broker is down or restarting) rejects with a
 * {@link KafkaUnavailableError} when the cause is a passing one, and the KafkaJS producer is dropped: the
 * next send connects a new one. A failed send may have reached the broker without its answer coming back,
 * and KafkaJS then gives the next batch of that partition the same sequence number, which the broker would
 * take for a repeat of the first and silently drop; a new producer (a new producer id) cannot be confused
 * with the old one. The process never has to restart to produce again once the broker is back.
 */
export async function createEventProducer(options: EventProducerOptions): Promise<EventProducer> {
  const { dataCodec } = options;
  const sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.ERROR,
    retry: RETRY,
    ...(options.logger ? { logCreator: kafkaLogCreator(options.logger) } : {}),
  });
  const connected = async () => {
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      retry: RETRY,
    });
    // One that could not connect is let go of at once: an outage must not pile up half-open clients.
    await producer.connect().catch(async (error: unknown) => {
      await producer.disconnect().catch(() => undefined);
      throw error;
    });
    return producer;
  };
  // The producer in use (connecting or connected); undefined after a failed send until the next one.
  let current: Promise<Producer> | undefined = Promise.resolve(await connected());
  const drop = (producer: Promise<Producer>) => {
    if (current !== producer) return;
    current = undefined;
    producer.then((p) => p.disconnect()).catch(() => undefined);
  };
  const timeout = async (signal: AbortSignal): Promise<never> => {
    await sleep(sendTimeoutMs, undefined, { signal });
    throw new SendTimeout(`Kafka did not take the send within ${sendTimeoutMs} ms`);
  };
  return {
    async send(topic, events) {
      const messages: Message[] = events.map(({ type, key, data, id, time }) =>
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
      current ??= connected();
      const producer = current;
      const timer = new AbortController();
      try {
        await Promise.race([
          producer.then((p) => p.send({ topic, messages, acks: -1 })),
          timeout(timer.signal),
        ]);
      } catch (error) {
        drop(producer);
        // A lasting refusal (a record too large, no authorization) or a bug is passed on as it is.
        if (!(error instanceof SendTimeout) && !isRetriableKafkaError(error)) throw error;
        throw new KafkaUnavailableError(`Kafka is unavailable: sending to ${topic} failed`, {
          cause: error,
          retryAfterSeconds,
        });
      } finally {
        timer.abort();
      }
    },
    async close() {
      const producer = current;
      current = undefined;
      await (await producer)?.disconnect();
    },
  };
}

class SendTimeout extends Error {}
