import type { HeaderValues } from './dead-letter-headers';

/** A dead-lettered record as the console keeps it: the original bytes (for a re-drive) and its headers. */
export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /**
   * Every header with all its values as bytes, each name's in the order they came. KafkaJS hands a record's
   * headers over grouped by name, so how one name's values were interleaved with another's is not known.
   */
  readonly headers: HeaderValues;
  readonly reason: string;
  readonly originTopic: string | undefined;
}

/** One dead-letter topic: how many records, how many per reason, the latest ones. */
export interface DeadLetterTopicSummary {
  readonly topic: string;
  readonly count: number;
  readonly reasons: { reason: string; count: number }[];
}

interface DeadLetterTopic {
  count: number;
  readonly reasons: Map<string, number>;
  readonly latest: DeadLetter[];
}

// Reasons name the field and often the value at fault, so they vary; past this many distinct ones the rest
// are counted together rather than growing the map with every bad record.
const MAX_REASONS = 100;
const OTHER_REASONS = '(other reasons)';

/**
 * What the console keeps of the dead-letter topics: counts per topic and reason, and the latest `kept`
 * records of each topic (for showing and re-driving), so a flood of bad records costs a fixed amount.
 */
export class DeadLetterLog {
  readonly #topics = new Map<string, DeadLetterTopic>();
  readonly #kept: number;

  constructor(kept: number) {
    this.#kept = kept;
  }

  add(topic: string, record: DeadLetter): void {
    const entry: DeadLetterTopic = this.#topics.get(topic) ?? { count: 0, reasons: new Map(), latest: [] };
    this.#topics.set(topic, entry);
    entry.count++;
    const reason =
      entry.reasons.has(record.reason) || entry.reasons.size < MAX_REASONS ? record.reason : OTHER_REASONS;
    entry.reasons.set(reason, (entry.reasons.get(reason) ?? 0) + 1);
    entry.latest.push(record);
    if (entry.latest.length > this.#kept) entry.latest.shift();
  }

  summary(): DeadLetterTopicSummary[] {
    return [...this.#topics]
      .map(([topic, { count, reasons }]) => ({
        topic,
        count,
        reasons: [...reasons]
          .map(([reason, n]) => ({ reason, count: n }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  }

  /** The latest records of `topic`, newest first. */
  latest(topic: string): DeadLetter[] {
    return [...(this.#topics.get(topic)?.latest ?? [])].reverse();
  }

  find(topic: string, partition: number, offset: string): DeadLetter | undefined {
    return this.#topics.get(topic)?.latest.find((r) => r.partition === partition && r.offset === offset);
  }
}
