import type {
  IHeaders,
  RecordMetadata as KafkaRecordMetadata,
  Message,
  Producer,
  Transaction,
} from 'kafkajs';
import type { OutgoingMessage } from '../processor/serdes';
import type { OutputCollector } from '../processor/stream-task';

// KafkaJS writes all of a request's messages for one partition as a single record batch, which the broker
// refuses above message.max.bytes (1 MiB by default). Flushing at 512 KiB keeps every batch under it, and
// lets a draw run of a million tickets stream through the transaction instead of sitting in memory.
const FLUSH_BYTES = 512 * 1024;

export interface CommitOffsets {
  consumerGroupId: string;
  topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
}

/**
 * Collects a task's output into one Kafka transaction, begun at the first send and flushed in chunks;
 * remembers where each explicit partition's writes ended so stores can checkpoint their changelog.
 */
export class TransactionCollector implements OutputCollector {
  readonly #producer: Producer;
  readonly #onFlush: (counts: Map<string, number>) => Promise<void>;
  readonly #ends = new Map<string, bigint>();
  #buffer: OutgoingMessage[] = [];
  #bufferedBytes = 0;
  #transaction: Transaction | undefined;

  constructor(producer: Producer, onFlush: (counts: Map<string, number>) => Promise<void>) {
    this.#producer = producer;
    this.#onFlush = onFlush;
  }

  /** Buffers `messages`; returns a promise only when they filled the buffer and it is being flushed. */
  send(messages: readonly OutgoingMessage[]): Promise<void> | undefined {
    for (let i = 0; i < messages.length; i++) {
      this.#buffer.push(messages[i]!);
      this.#bufferedBytes += sizeOf(messages[i]!);
      if (this.#bufferedBytes >= FLUSH_BYTES)
        return this.flush().then(() => this.send(messages.slice(i + 1)));
    }
    return undefined;
  }

  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const messages = this.#buffer;
    this.#buffer = [];
    this.#bufferedBytes = 0;
    const byTopic = new Map<string, Message[]>();
    // Per topic, how many messages went to each explicitly addressed partition (changelog records).
    const explicit = new Map<string, Map<number, number>>();
    for (const { topic, partition, key, value, headers, timestamp } of messages) {
      const list = byTopic.get(topic) ?? [];
      if (list.length === 0) byTopic.set(topic, list);
      list.push({
        key,
        value,
        // A dead letter's null values and repeated headers: KafkaJS writes both, though its type says neither.
        headers: headers as IHeaders,
        partition,
        timestamp: timestamp === undefined ? undefined : String(timestamp),
      });
      if (partition === undefined) continue;
      const counts = explicit.get(topic) ?? new Map<number, number>();
      if (counts.size === 0) explicit.set(topic, counts);
      counts.set(partition, (counts.get(partition) ?? 0) + 1);
    }
    const transaction = await this.#begin();
    const results: KafkaRecordMetadata[] = await transaction.sendBatch({
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
    });
    for (const { topicName, partition, baseOffset } of results) {
      const count = explicit.get(topicName)?.get(partition);
      if (count !== undefined && baseOffset !== undefined) {
        this.#ends.set(`${topicName}/${partition}`, BigInt(baseOffset) + BigInt(count));
      }
    }
    await this.#onFlush(new Map([...byTopic].map(([topic, list]) => [topic, list.length])));
  }

  /** The offset after the last record this transaction wrote to an explicitly addressed partition. */
  endOffset(topic: string, partition: number): string | undefined {
    return this.#ends.get(`${topic}/${partition}`)?.toString();
  }

  /** Flushes, adds the input offsets, commits; returns false when there was nothing to commit. */
  async commit(offsets?: CommitOffsets): Promise<boolean> {
    await this.flush();
    if (offsets) await (await this.#begin()).sendOffsets(offsets);
    if (!this.#transaction) return false;
    await this.#transaction.commit();
    return true;
  }

  async abort(): Promise<void> {
    this.#buffer = [];
    this.#bufferedBytes = 0;
    if (this.#transaction?.isActive()) await this.#transaction.abort();
  }

  async #begin(): Promise<Transaction> {
    this.#transaction ??= await this.#producer.transaction();
    return this.#transaction;
  }
}

/** Approximate bytes a message takes in a record batch: key, value, headers and per-record overhead. */
function sizeOf({ key, value, headers }: OutgoingMessage): number {
  let size = 32 + (key?.length ?? 0) + (value?.length ?? 0);
  for (const name in headers) size += name.length + (headers[name]?.length ?? 0) + 8;
  return size;
}
