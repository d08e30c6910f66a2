import { MemoryLevel } from 'memory-level';
import type { OutgoingMessage } from '../processor/serdes';
import { type ConsumedMessage, StreamTask } from '../processor/stream-task';
import type { Topology } from '../processor/topology';
import { decodeHeaders, readBack } from '../runtime/decode-headers';
import { partitionForKey } from '../runtime/default-partitioner';
import { LevelKeyValueStore } from '../state/level-key-value-store';

export interface TopologyTestDriverOptions {
  /** Partitions of every topic (one task each); default 1. */
  partitions?: number;
  applicationId?: string;
  /** Initial wall-clock time in epoch ms; default 0. */
  startTime?: number;
}

/** A message to pipe in; value and key as the bytes a producer would send. */
export interface TestInput {
  /** A string is sent as its UTF-8; a Buffer as it is (a key that is not UTF-8, say). */
  key?: string | Buffer | null;
  value: string | Buffer | null;
  /** As a producer writes them (text, or bytes), decoded as the runtime decodes a consumed record's. */
  headers?: OutgoingMessage['headers'];
  timestamp?: number;
  /** Defaults to Kafka's default partitioner on the key. */
  partition?: number;
}

/** An output message with the partition it would land on. */
export type TestOutput = OutgoingMessage & { partition: number };

/**
 * Runs a topology in memory, without a broker, like Kafka Streams' TopologyTestDriver: one task per partition
 * on in-memory LevelDB stores, every input committed as soon as it is processed. Outputs to a topic the
 * topology itself reads are piped back in, as an internal topic would be.
 *
 * ```ts
 * const driver = await TopologyTestDriver.create(topology, { partitions: 2 });
 * await driver.pipeInput('in', { key: 'a', value: JSON.stringify({ n: 1 }) });
 * expect(driver.readOutput('out')).toHaveLength(1);
 * ```
 */
export class TopologyTestDriver {
  readonly #partitions: number;
  readonly #tasks: StreamTask[] = [];
  readonly #stores: Map<string, LevelKeyValueStore<unknown>>[] = [];
  readonly #outputs = new Map<string, TestOutput[]>();
  readonly #offsets = new Map<string, number>();
  readonly #sourceTopics: Set<string>;
  #pendingInternal: ConsumedMessage[] = [];
  #now: number;

  private constructor(topology: Topology, options: TopologyTestDriverOptions) {
    this.#partitions = options.partitions ?? 1;
    this.#now = options.startTime ?? 0;
    this.#sourceTopics = new Set(topology.sources().map((s) => s.source.topic));
  }

  static async create(
    topology: Topology,
    options: TopologyTestDriverOptions = {},
  ): Promise<TopologyTestDriver> {
    const driver = new TopologyTestDriver(topology, options);
    for (let partition = 0; partition < driver.#partitions; partition++) {
      const stores = new Map<string, LevelKeyValueStore<unknown>>();
      for (const spec of topology.stores()) {
        const db = new MemoryLevel<string, string>({ keyEncoding: 'utf8', valueEncoding: 'utf8' });
        stores.set(spec.name, new LevelKeyValueStore<unknown>(spec.name, db));
        // Store reads are synchronous (getSync), which, unlike get, does not wait for a deferred open.
        await db.open();
      }
      const task = new StreamTask({
        topology,
        applicationId: options.applicationId ?? 'test-driver',
        partition,
        stores,
        collector: { send: (messages) => driver.#collect(messages) },
        partitionCount: () => driver.#partitions,
        now: () => driver.#now,
      });
      await task.init();
      driver.#tasks.push(task);
      driver.#stores.push(stores);
    }
    return driver;
  }

  /** Processes one input message (and anything it sends to the topology's own topics), then commits. */
  async pipeInput(topic: string, input: TestInput): Promise<void> {
    const key = input.key ?? null;
    const partition = input.partition ?? partitionForKey(topic, key, this.#partitions);
    await this.#process({
      topic,
      partition,
      offset: this.#nextOffset(topic, partition),
      key: key === null ? null : Buffer.from(key),
      value: typeof input.value === 'string' ? Buffer.from(input.value) : input.value,
      ...decodeHeaders(input.headers),
      consumedHeaders: input.headers,
      timestamp: input.timestamp ?? this.#now,
    });
  }

  /** Returns and forgets the messages written to `topic` so far. */
  readOutput(topic: string): TestOutput[] {
    const messages = this.#outputs.get(topic) ?? [];
    this.#outputs.delete(topic);
    return messages;
  }

  getKeyValueStore<V>(name: string, partition = 0): LevelKeyValueStore<V> {
    const store = this.#stores[partition]?.get(name);
    if (!store) throw new Error(`test driver: no store ${name} on partition ${partition}`);
    return store as LevelKeyValueStore<V>;
  }

  /** Moves the wall clock and runs the punctuations that fall due. */
  async advanceWallClockTime(ms: number): Promise<void> {
    this.#now += ms;
    for (const task of this.#tasks) await task.punctuate(this.#now);
    await this.#drainInternal();
    await this.#commit();
  }

  async close(): Promise<void> {
    for (const task of this.#tasks) await task.close();
  }

  async #process(message: ConsumedMessage): Promise<void> {
    const task = this.#tasks[message.partition];
    if (!task) throw new Error(`test driver: partition ${message.partition} of ${this.#partitions}`);
    await task.process(message);
    await this.#drainInternal();
    await this.#commit();
  }

  async #drainInternal(): Promise<void> {
    while (this.#pendingInternal.length > 0) {
      const message = this.#pendingInternal.shift()!;
      await this.#tasks[message.partition]!.process(message);
    }
  }

  async #commit(): Promise<void> {
    for (const stores of this.#stores) for (const store of stores.values()) await store.commit();
  }

  #collect(messages: readonly OutgoingMessage[]): void {
    for (const message of messages) {
      const partition =
        message.partition ?? partitionForKey(message.topic, message.key ?? null, this.#partitions);
      const output = { ...message, partition };
      const outputs = this.#outputs.get(message.topic) ?? [];
      outputs.push(output);
      this.#outputs.set(message.topic, outputs);
      if (this.#sourceTopics.has(message.topic)) {
        this.#pendingInternal.push({
          ...output,
          ...readBack(message, this.#now),
          consumedHeaders: message.headers,
          offset: this.#nextOffset(message.topic, partition),
        });
      }
    }
  }

  #nextOffset(topic: string, partition: number): string {
    const id = `${topic}/${partition}`;
    const offset = this.#offsets.get(id) ?? 0;
    this.#offsets.set(id, offset + 1);
    return String(offset);
  }
}
