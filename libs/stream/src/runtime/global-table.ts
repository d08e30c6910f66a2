import { decodeRecordKey } from '@prizedraw/events';
import { Kafka } from 'kafkajs';
import pino, { type Logger } from 'pino';
import type { RawMessage } from '../processor/serdes';
import { decodeHeaders } from './decode-headers';
import { kafkaLogCreator } from './kafka-logger';
import { readTopic, type TopicReader } from './read-topic';

/** Where a global table keeps its values by key: a Map, or a table of one's own with indexes of its own. */
export interface TableValues<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
}

export interface GlobalTableOptions<V> {
  topic: string;
  brokers: string[];
  /** Turns a message into its value; throw to reject it (it is logged with its origin and skipped). */
  deserialize: (message: RawMessage) => V;
  /** Where the values go; a Map of the table's own by default. A tombstone deletes its key. */
  values?: TableValues<V>;
  logger?: Logger;
}

/**
 * Every record of a (compacted) topic, all partitions, held in memory by key and kept up to date — Kafka
 * Streams' GlobalKTable, for small reference data such as draw definitions. `start()` resolves once the
 * table has caught up with the topic's end as of the call.
 */
export class GlobalTable<V> {
  readonly #options: GlobalTableOptions<V>;
  readonly #values: TableValues<V>;
  readonly #logger: Logger;
  #reader: TopicReader | undefined;

  constructor(options: GlobalTableOptions<V>) {
    this.#options = options;
    this.#values = options.values ?? new Map();
    this.#logger = (options.logger ?? pino({ level: 'warn' })).child({ table: options.topic });
  }

  get(key: string): V | undefined {
    return this.#values.get(key);
  }

  async start(): Promise<void> {
    const { topic, brokers } = this.#options;
    const kafka = new Kafka({
      clientId: `global-table-${topic}`,
      brokers,
      logCreator: kafkaLogCreator(this.#logger),
    });
    this.#reader = await readTopic(
      kafka,
      topic,
      (message, partition) => {
        let key = '';
        try {
          // A key that is not UTF-8 is rejected like a bad value, never applied under a rewritten key.
          key = decodeRecordKey(message.key) ?? '';
          if (message.value === null) return this.#apply(key, undefined);
          this.#apply(
            key,
            this.#options.deserialize({
              key: message.key,
              value: message.value,
              timestamp: Number(message.timestamp),
              ...decodeHeaders(message.headers),
            }),
          );
        } catch (error) {
          this.#logger.error(
            { err: error, topic, partition, offset: message.offset, key },
            'table record rejected',
          );
        }
      },
      this.#logger,
    );
    await this.#reader.caughtUp;
  }

  async close(): Promise<void> {
    await this.#reader?.stop();
  }

  #apply(key: string, value: V | undefined): void {
    if (value === undefined) this.#values.delete(key);
    else this.#values.set(key, value);
  }
}
