import type { RunEnd } from '@prizedraw/events';

/** One wallet partition's part of a draw after the trigger. */
export interface PartitionProgress {
  readonly partition: number;
  /** Run entries (one per customer) the partition's wallet has sent so far. */
  readonly runEntries: number;
  /** The run's end, once sent: the partition has seen its marker and sent everything before it. */
  readonly runEnded: boolean;
  /** Results written on the same partition of the results topic (keyed by customer, co-partitioned). */
  readonly results: number;
}

/**
 * Per partition, how far a triggered draw got: run entries sent, run ended, results written. Results of a
 * customer land on the partition their run entry came from, as every topic is keyed by customer with the
 * same partition count.
 */
export class PartitionProgressTable {
  readonly #partitions = new Map<number, { runEntries: number; runEnded: boolean; results: number }>();
  /** How many partitions send a run (from a run end); undefined until one has ended. */
  expected: number | undefined;

  /** `count` more run entries sent by a partition's wallet (a run chunk's, or one of an older wallet). */
  runEntries(partition: number, count: number): void {
    this.#of(partition).runEntries += count;
  }

  runEnded(end: RunEnd): void {
    this.#of(end.partition).runEnded = true;
    this.expected = end.partitions;
  }

  result(partition: number): void {
    this.#of(partition).results++;
  }

  rows(): PartitionProgress[] {
    return [...this.#partitions]
      .map(([partition, progress]) => ({ partition, ...progress }))
      .sort((a, b) => a.partition - b.partition);
  }

  #of(partition: number) {
    let progress = this.#partitions.get(partition);
    if (!progress) {
      progress = { runEntries: 0, runEnded: false, results: 0 };
      this.#partitions.set(partition, progress);
    }
    return progress;
  }
}
