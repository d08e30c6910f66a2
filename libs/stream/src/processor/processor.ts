import type { KeyValueStore } from '../state/key-value-store';
import type { Record, RecordMetadata } from './record';

/** Called by a punctuation with the wall-clock time it fired at. */
export type Punctuator = (timestamp: number) => void | Promise<void>;

/** Cancels a punctuation created by {@link ProcessorContext.schedule}. */
export interface Cancellable {
  cancel(): void;
}

/** What a processor sees of the runtime: forward records, reach state stores, schedule punctuations. */
export interface ProcessorContext<KOut = string | null, VOut = unknown> {
  readonly applicationId: string;
  /** The input partition this task owns; every store the processor sees holds that partition's state. */
  readonly partition: number;
  /**
   * Sends a record to the children of this processor, or to the one child named, depth-first as Kafka
   * Streams does. Await it: the promise settles once the children processed the record, which also holds a
   * processor back while a large output is being flushed to Kafka.
   */
  forward(record: Record<KOut, VOut>, childName?: string): Promise<void>;
  getStateStore<V>(name: string): KeyValueStore<V>;
  /** Calls `punctuator` every `intervalMs` of wall-clock time, inside the task's transaction. */
  schedule(intervalMs: number, type: 'wall-clock', punctuator: Punctuator): Cancellable;
  /** Topic, partition and offset of the input record being processed; undefined inside a punctuation. */
  recordMetadata(): RecordMetadata | undefined;
  /** Number of partitions of the topic a sink writes to, for processors that address partitions. */
  sinkPartitions(sinkName: string): number;
}

/** Kafka Streams' `Processor`: one instance per task (input partition), created by a supplier. */
export interface Processor<KIn = string | null, VIn = unknown, KOut = string | null, VOut = unknown> {
  init?(context: ProcessorContext<KOut, VOut>): void | Promise<void>;
  process(record: Record<KIn, VIn>): void | Promise<void>;
  /**
   * Look-ahead for a processor fed by a source: the records of an input batch of that source that
   * deserialized, before process() is called for each of them in the same transaction. A processor that asks
   * another service once per batch instead of once per record does it here; process() still runs for every
   * record, so a record that fails there is dead-lettered alone. Not called by runtimes that feed records one
   * at a time (the test driver), so process() must also work for a record that was not prepared.
   */
  prepareBatch?(records: readonly Record<KIn, VIn>[]): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** Creates a fresh processor for every task. */
export type ProcessorSupplier<
  KIn = string | null,
  VIn = unknown,
  KOut = string | null,
  VOut = unknown,
> = () => Processor<KIn, VIn, KOut, VOut>;
