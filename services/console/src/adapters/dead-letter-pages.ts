import { deadLetterTopic, type TopicNames } from '@prizedraw/events';
import { HttpProblem, problemType } from '@prizedraw/http-api';
import type { Admin, Kafka } from 'kafkajs';
import type { DeadLetter, DeadLetterLog } from '../dead-letter-log';
import { deadLetterOf } from './dead-letter-feed';
import { readPartitionRange } from './partition-range';

/** A page of one partition of a dead-letter topic, read from Kafka by offset. */
export interface DeadLetterPage {
  readonly partition: number;
  /** The partition's first and next offsets now. */
  readonly low: string;
  readonly high: string;
  /** The offsets read, [from, to). */
  readonly from: string;
  readonly to: string;
  /** Newest first, as the kept ones. */
  readonly records: DeadLetter[];
}

/**
 * Dead-lettered records beyond the ones the console keeps: a page of any partition by offset, and any one
 * record (for a re-drive), read from Kafka when asked. Only the dead-letter topics of this deployment.
 */
export class DeadLetterPages {
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  readonly #log: DeadLetterLog;
  readonly #topics: Set<string>;

  constructor(options: { kafka: Kafka; admin: Admin; log: DeadLetterLog; topics: TopicNames }) {
    this.#kafka = options.kafka;
    this.#admin = options.admin;
    this.#log = options.log;
    this.#topics = new Set(Object.values(options.topics).map(deadLetterTopic));
  }

  /** The `limit` records of `partition` before offset `before` (default: its end), newest first. */
  async page(
    topic: string,
    partition: number,
    before: bigint | undefined,
    limit: number,
  ): Promise<DeadLetterPage> {
    const { low, high } = await this.#ends(topic, partition);
    const to = before === undefined || before > high ? high : before;
    const from = to - BigInt(limit) > low ? to - BigInt(limit) : low;
    const messages = await readPartitionRange(this.#kafka, topic, partition, from, to);
    return {
      partition,
      low: low.toString(),
      high: high.toString(),
      from: from.toString(),
      to: to.toString(),
      records: messages.map((message) => deadLetterOf(message, partition)).reverse(),
    };
  }

  /** One record: from those kept, else read from Kafka; undefined when the topic has no such record. */
  async record(topic: string, partition: number, offset: string): Promise<DeadLetter | undefined> {
    const kept = this.#log.find(topic, partition, offset);
    if (kept) return kept;
    const { low, high } = await this.#ends(topic, partition);
    const at = BigInt(offset);
    if (at < low || at >= high) return undefined;
    const [message] = await readPartitionRange(this.#kafka, topic, partition, at, at + 1n);
    return message && deadLetterOf(message, partition);
  }

  async #ends(topic: string, partition: number): Promise<{ low: bigint; high: bigint }> {
    if (!this.#topics.has(topic))
      throw new HttpProblem({
        status: 404,
        type: problemType('no-such-dead-letter-topic'),
        detail: `${topic} is not a dead-letter topic of this deployment`,
      });
    const offsets = await this.#admin.fetchTopicOffsets(topic);
    const ends = offsets.find((o) => o.partition === partition);
    if (!ends)
      throw new HttpProblem({
        status: 404,
        type: problemType('no-such-partition'),
        detail: `${topic} has no partition ${partition}`,
      });
    return { low: BigInt(ends.low), high: BigInt(ends.high) };
  }
}
