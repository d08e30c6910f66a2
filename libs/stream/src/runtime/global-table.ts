import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import pino, { type Logger } from 'pino';
import type { RawMessage } from '../processor/serdes';
import { kafkaLogCreator } from './kafka-logger';

export interface GlobalTableOptions<V> {
  topic: string;
  brokers: string[];
  /** Turns a message into its value; throw to reject it (it is logged with its origin and skipped). */
  deserialize: (message: RawMessage) => V;
  /** Called for every change once it is applied: a value, or undefined for a tombstone. */
  onUpdate?: (key: string, value: V | undefined) => void;
  logger?: Logger;
}

/**
 * Every record of a (compacted) topic, all partitions, held in memory by key and kept up to date — Kafka
 * Streams' GlobalKTable, for small reference data such as draw definitions. `start()` resolves once the
 * table has caught up with the topic's end as of the call.
 */
export class GlobalTable<V> {
  readonly #options: GlobalTableOptions<V>;
  readonly #values = new Map<string, V>();
  readonly #kafka: Kafka;
  readonly #logger: Logger;
  #consumer: ReturnType<Kafka['consumer']> | undefined;

  constructor(options: GlobalTableOptions<V>) {
    this.#options = options;
    this.#logger = (options.logger ?? pino({ level: 'warn' })).child({ table: options.topic });
    this.#kafka = new Kafka({ clientId: `global-table-${options.topic}`, brokers: options.brokers, logCreator: kafkaLogCreator(this.#logger) });
  }

  get(key: string): V | undefined {
    return this.#values.get(key);
  }

  values(): IterableIterator<V> {
    return this.#values.values();
  }

  async start(): Promise<void> {
    const { topic } = this.#options;
    const admin = this.#kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const behind = new Map(ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]));
    // Every instance reads the whole topic, so each gets a group of its own and never commits.
    this.#consumer = this.#kafka.consumer({ groupId: `global-table-${topic}-${randomUUID()}`, maxWaitTimeInMs: 250 });
    const consumer = this.#consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const caughtUp = new Promise<void>((resolve) => {
      const check = () => behind.size === 0 && resolve();
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (BigInt(payload.lastOffset) + 1n >= (behind.get(payload.partition) ?? 0n)) behind.delete(payload.partition);
        check();
      });
      check();
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const key = message.key?.toString() ?? '';
        if (message.value === null) return this.#apply(key, undefined);
        try {
          const value = this.#options.deserialize({
            key: message.key,
            value: message.value,
            timestamp: Number(message.timestamp),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
          this.#apply(key, value);
        } catch (error) {
          this.#logger.error({ err: error, topic, partition, offset: message.offset, key }, 'table record rejected');
        }
      },
    });
    await caughtUp;
  }

  async close(): Promise<void> {
    await this.#consumer?.disconnect();
  }

  #apply(key: string, value: V | undefined): void {
    if (value === undefined) this.#values.delete(key);
    else this.#values.set(key, value);
    this.#options.onUpdate?.(key, value);
  }
}
