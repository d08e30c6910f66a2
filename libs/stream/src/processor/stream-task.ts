import { readBack } from '../runtime/decode-headers';
import { partitionForKey } from '../runtime/default-partitioner';
import type { LevelKeyValueStore } from '../state/level-key-value-store';
import { isInputError, toDeadLetter } from './dead-letter';
import type { Cancellable, Processor, ProcessorContext, Punctuator } from './processor';
import type { Record, RecordMetadata } from './record';
import type { ConsumedHeaders, OutgoingMessage, RawMessage } from './serdes';
import type { Topology, TopologyNode } from './topology';

/** A message read from Kafka (or piped into the test driver), with where it came from. */
export interface ConsumedMessage extends RawMessage, RecordMetadata {
  /** Its headers as consumed, every value of each (what a dead letter writes back). */
  readonly consumedHeaders: ConsumedHeaders | undefined;
}

/** Receives a task's output messages; may return a promise to hold the task back while it flushes. */
export interface OutputCollector {
  send(messages: readonly OutgoingMessage[]): void | Promise<void>;
}

export interface StreamTaskOptions {
  topology: Topology;
  applicationId: string;
  partition: number;
  stores: ReadonlyMap<string, LevelKeyValueStore<unknown>>;
  collector: OutputCollector;
  partitionCount(topic: string): number;
  now?: () => number;
}

export type ProcessOutcome = 'processed' | 'dead-lettered';

// Outputs of one input record are held back until the record is done, so a record that turns out to be
// invalid halfway can be dead-lettered without leaving half its outputs behind. A record that produces more
// than this (a wallet emitting a draw run) hands them over early and can no longer be rolled back. Bytes are
// bounded too: a draw record's 200 entry chunks of ~300 KB each, held to the end, took 60 MB at prize-draw's peak.
const HOLD_BACK_LIMIT = 1000;
const HOLD_BACK_BYTES = 4 * 1024 * 1024;

/** What context.forward returns when the children finished synchronously. */
const FORWARDED: Promise<void> = Promise.resolve();

interface Punctuation {
  intervalMs: number;
  due: number;
  punctuator: Punctuator;
  cancelled: boolean;
}

/**
 * Runs a topology for one input partition: deserializes, processes depth-first, serializes to sinks,
 * dead-letters input the topology rejects. Shared by the Kafka runtime and the in-memory test driver, so
 * both behave the same; transactions and store commits are the caller's.
 */
export class StreamTask {
  readonly #options: StreamTaskOptions;
  readonly #processors = new Map<string, Processor>();
  readonly #contexts = new Map<string, ProcessorContext>();
  readonly #punctuations: Punctuation[] = [];
  readonly #sourceByTopic: Map<string, Extract<TopologyNode, { kind: 'source' }>>;
  readonly #linkedByTopic: Map<string, Extract<TopologyNode, { kind: 'source' }>>;
  readonly #now: () => number;
  #held: OutgoingMessage[] = [];
  // The values' bytes in #held.
  #heldBytes = 0;
  #spilled = false;
  // The input being processed; its metadata is built only when a processor asks for it.
  #current: ConsumedMessage | undefined;
  // Records deserialized by prepare(), so process() does not deserialize them again.
  readonly #prepared = new Map<ConsumedMessage, Record<unknown, unknown>>();

  constructor(options: StreamTaskOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#sourceByTopic = new Map(options.topology.sources().map((node) => [node.source.topic, node]));
    this.#linkedByTopic = new Map(options.topology.linkedSources().map((node) => [node.source.topic, node]));
  }

  get partition(): number {
    return this.#options.partition;
  }

  async init(): Promise<void> {
    for (const node of this.#options.topology.nodes()) {
      if (node.kind !== 'processor') continue;
      const processor = node.supplier();
      const context = this.#createContext(node);
      this.#processors.set(node.name, processor);
      this.#contexts.set(node.name, context);
      await processor.init?.(context);
    }
  }

  /**
   * Shows the messages of an input batch (one topic) to the source's processors that look ahead
   * (Processor.prepareBatch), before they are processed one by one. A message that does not deserialize is
   * left out: process() dead-letters it.
   */
  async prepare(topic: string, messages: readonly ConsumedMessage[]): Promise<void> {
    this.#prepared.clear();
    const source = this.#sourceByTopic.get(topic);
    const lookingAhead = (source?.children ?? []).flatMap((name) => {
      const processor = this.#processors.get(name);
      return processor?.prepareBatch ? [processor] : [];
    });
    if (!source || lookingAhead.length === 0) return;
    const records: Record<unknown, unknown>[] = [];
    for (const message of messages) {
      try {
        const deserialized = source.source.deserializer(message);
        const record = deserialized instanceof Promise ? await deserialized : deserialized;
        this.#prepared.set(message, record);
        records.push(record);
      } catch (error) {
        if (!isInputError(error)) throw error;
      }
    }
    for (const processor of lookingAhead)
      await processor.prepareBatch!(records as Record<string | null, unknown>[]);
  }

  /** Processes one input message; input the topology rejects goes to the dead-letter topic instead. */
  async process(message: ConsumedMessage): Promise<ProcessOutcome> {
    const source = this.#sourceByTopic.get(message.topic);
    if (!source) throw new Error(`task ${this.partition}: no source reads topic ${message.topic}`);
    this.#current = message;
    for (const store of this.#options.stores.values()) store.beginRecord();
    try {
      const prepared = this.#prepared.get(message);
      this.#prepared.delete(message);
      const deserialized = prepared ?? source.source.deserializer(message);
      const record = deserialized instanceof Promise ? await deserialized : deserialized;
      const forwarded = this.#forward(source, record);
      if (forwarded) await forwarded;
      const released = this.#release();
      if (released) await released;
      return 'processed';
    } catch (error) {
      if (!isInputError(error) || this.#spilled) throw error;
      for (const store of this.#options.stores.values()) store.rollbackRecord();
      this.#held = [toDeadLetter(message, error, this.#now())];
      this.#heldBytes = 0;
      await this.#release();
      return 'dead-lettered';
    } finally {
      this.#current = undefined;
      this.#spilled = false;
    }
  }

  /** Runs every wall-clock punctuation that is due at `now`. */
  async punctuate(now: number): Promise<number> {
    let ran = 0;
    for (const punctuation of this.#punctuations) {
      if (punctuation.cancelled || punctuation.due > now) continue;
      punctuation.due = now + punctuation.intervalMs;
      try {
        await punctuation.punctuator(now);
        await this.#release();
      } finally {
        // A punctuation's output may have spilled; the next record starts with nothing handed over yet.
        this.#spilled = false;
      }
      ran++;
    }
    return ran;
  }

  /** The earliest time a punctuation is due, if any is scheduled. */
  nextPunctuation(): number | undefined {
    const due = this.#punctuations.filter((p) => !p.cancelled).map((p) => p.due);
    return due.length > 0 ? Math.min(...due) : undefined;
  }

  async close(): Promise<void> {
    for (const processor of this.#processors.values()) await processor.close?.();
    this.#processors.clear();
  }

  // Synchronous while every child is (a sink, a processor that needs no store read): the rest goes on in
  // #deliverRest from the first child that returned a promise. Most records pass here twice or more.
  #forward(
    from: TopologyNode,
    record: Record<unknown, unknown>,
    childName?: string,
  ): Promise<void> | undefined {
    if (childName !== undefined && !from.children.includes(childName)) {
      throw new Error(`${from.name} has no child named ${childName}`);
    }
    const children = childName === undefined ? from.children : [childName];
    for (let i = 0; i < children.length; i++) {
      const pending = this.#deliver(children[i]!, record);
      if (pending instanceof Promise) return this.#deliverRest(pending, children, i + 1, record);
    }
    return undefined;
  }

  async #deliverRest(
    pending: Promise<void>,
    children: readonly string[],
    from: number,
    record: Record<unknown, unknown>,
  ): Promise<void> {
    await pending;
    for (let i = from; i < children.length; i++) {
      const next = this.#deliver(children[i]!, record);
      if (next instanceof Promise) await next;
    }
  }

  #deliver(child: string, record: Record<unknown, unknown>): void | Promise<void> {
    const node = this.#options.topology.node(child);
    return node.kind === 'sink'
      ? this.#emit(node, record)
      : this.#processors.get(node.name)!.process(record as Record<string | null, unknown>);
  }

  // Synchronous but when the output spills over the hold-back limit or feeds a linked source, as #release is
  // when nothing is held: both run for every record, and an async function costs a promise and a microtask.
  #emit(
    node: Extract<TopologyNode, { kind: 'sink' }>,
    record: Record<unknown, unknown>,
  ): Promise<void> | undefined {
    const { topic, serializer, partitioner } = node.sink;
    const serialized = serializer(record as Record<string | null, unknown>);
    const chosen = partitioner?.(
      record as Record<string | null, unknown>,
      this.#options.partitionCount(topic),
    );
    const { key, value, headers, decoded } = serialized;
    const { timestamp } = record;
    this.#heldBytes += value?.length ?? 0;
    if (chosen === undefined) this.#held.push({ topic, key, value, headers, timestamp });
    else if (typeof chosen === 'number')
      this.#held.push({ topic, partition: chosen, key, value, headers, timestamp });
    else
      for (const partition of chosen) this.#held.push({ topic, partition, key, value, headers, timestamp });
    const linked = this.#linkedByTopic.get(topic);
    const passed = linked && this.#passOn(linked, { topic, key, value, headers, timestamp }, chosen, decoded);
    return passed ? passed.then(() => this.#spillWhenFull()) : this.#spillWhenFull();
  }

  #spillWhenFull(): Promise<void> | undefined {
    if (this.#held.length < HOLD_BACK_LIMIT && this.#heldBytes < HOLD_BACK_BYTES) return undefined;
    this.#spilled = true;
    return this.#release();
  }

  // A record written to a linked source's topic is that source's input too, processed now, in this task,
  // which must be its partition's: adopted from the value before encoding when the sink gave it and the
  // source can take it, else deserialized from the bytes written, as its consumer would.
  #passOn(
    linked: Extract<TopologyNode, { kind: 'source' }>,
    { topic, key, value, headers, timestamp }: OutgoingMessage,
    chosen: number | readonly number[] | undefined,
    decoded: unknown,
  ): Promise<void> | undefined {
    const partition = chosen ?? partitionForKey(topic, key ?? null, this.#options.partitionCount(topic));
    if (partition !== this.partition) {
      throw new Error(
        `fused topology: a record for ${topic} partition ${partition} came out of the task of partition ${this.partition}; stages that move records to other partitions cannot be fused`,
      );
    }
    const { adopt, deserializer } = linked.source;
    const adopted =
      adopt !== undefined && decoded !== undefined
        ? adopt({ key: key ?? null, headers, timestamp: timestamp ?? this.#now(), decoded })
        : undefined;
    const deserialized = adopted ?? deserializer(readBack({ key, value, headers, timestamp }, this.#now()));
    return deserialized instanceof Promise
      ? deserialized.then((record) => this.#forward(linked, record))
      : this.#forward(linked, deserialized);
  }

  #release(): Promise<void> | undefined {
    if (this.#held.length === 0) return undefined;
    const messages = this.#held;
    this.#held = [];
    this.#heldBytes = 0;
    const sent = this.#options.collector.send(messages);
    return sent instanceof Promise ? sent : undefined;
  }

  #createContext(node: Extract<TopologyNode, { kind: 'processor' }>): ProcessorContext {
    const task = this;
    const options = this.#options;
    return {
      applicationId: options.applicationId,
      partition: options.partition,
      forward: (record, childName) => {
        try {
          return task.#forward(node, record, childName) ?? FORWARDED;
        } catch (error) {
          return Promise.reject(error);
        }
      },
      getStateStore<V>(name: string) {
        if (!node.stores.includes(name))
          throw new Error(`processor ${node.name} is not connected to store ${name}`);
        return options.stores.get(name) as LevelKeyValueStore<V>;
      },
      schedule(intervalMs: number, _type: 'wall-clock', punctuator: Punctuator): Cancellable {
        if (!(intervalMs > 0)) throw new Error(`schedule: intervalMs must be positive, got ${intervalMs}`);
        const punctuation = { intervalMs, due: task.#now() + intervalMs, punctuator, cancelled: false };
        task.#punctuations.push(punctuation);
        return {
          cancel() {
            punctuation.cancelled = true;
          },
        };
      },
      recordMetadata: () => {
        const current = task.#current;
        return current && { topic: current.topic, partition: current.partition, offset: current.offset };
      },
      sinkPartitions(sinkName: string) {
        const sink = options.topology.node(sinkName);
        if (sink.kind !== 'sink') throw new Error(`${sinkName} is not a sink`);
        return options.partitionCount(sink.sink.topic);
      },
    };
  }
}
