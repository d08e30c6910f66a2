import { join } from 'node:path';
import { PrizedrawError, TIMELINE_HEADER, timelineEnds } from '@prizedraw/events';
import { type Admin, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { Level } from 'level';
import type { Logger } from 'pino';
import { type ConsumedMessage, StreamTask } from '../processor/stream-task';
import type { Topology } from '../processor/topology';
import type { ReadOnlyKeyValueStore } from '../state/key-value-store';
import { LevelKeyValueStore } from '../state/level-key-value-store';
import { decodeHeaders } from './decode-headers';
import { restoreChangelog } from './restore-changelog';
import { StepWatch } from './step-watch';
import type { StreamMetrics } from './stream-metrics';
import { type CommitOffsets, TransactionCollector } from './transaction-collector';

export interface PartitionTaskDeps {
  kafka: Kafka;
  admin: Admin;
  topology: Topology;
  applicationId: string;
  stateDir: string;
  partitionCounts: ReadonlyMap<string, number>;
  metrics: StreamMetrics;
  logger: Logger;
  transactionTimeoutMs: number;
}

// LevelDB's defaults (8 MiB block cache, up to two 4 MiB write buffers) are per database, and an instance
// opens one database per store per partition: 8 partitions of a two-store topology would hold up to 256 MiB
// before any data. Our reads hit recently written keys, which the write buffer still holds. Tables are read
// with a system call per block, not mapped (patches/classic-level@3.0.0.patch): 16 KiB blocks instead of 4
// make a quarter of the calls where a draw walks a store.
const LEVEL_OPTIONS = { cacheSize: 1024 * 1024, writeBufferSize: 1024 * 1024, blockSize: 16 * 1024 };

/** The changelog topic backing a store. */
export function changelogTopicOf(applicationId: string, storeName: string): string {
  return `${applicationId}-${storeName}-changelog`;
}

/**
 * One input partition owned by this instance: its stores on disk, its transactional producer (whose id
 * is per partition, so a new owner fences the old one), and the offsets its transactions committed.
 */
export class PartitionTask {
  readonly partition: number;
  readonly #deps: PartitionTaskDeps;
  readonly #stores: Map<string, LevelKeyValueStore<unknown>>;
  readonly #databases: Level<string, string>[];
  readonly #producer: Producer;
  readonly #nextOffsets = new Map<string, bigint>();
  #task!: StreamTask;
  #collector: TransactionCollector | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  // Set when a transaction failed: its commit may have reached the broker, so the stores' view is no longer
  // known to match the changelog, and a transaction on top would checkpoint the stores past records they
  // never applied. Work already queued behind the failure is refused; the task is rebuilt from Kafka.
  #failed: Error | undefined;

  private constructor(deps: PartitionTaskDeps, partition: number, databases: Level<string, string>[]) {
    this.#deps = deps;
    this.partition = partition;
    this.#databases = databases;
    this.#stores = new Map(
      deps.topology.stores().map((spec, i) => [spec.name, new LevelKeyValueStore(spec.name, databases[i]!)]),
    );
    this.#producer = deps.kafka.producer({
      transactionalId: `${deps.applicationId}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: deps.transactionTimeoutMs,
      // Right after a commit the coordinator answers CONCURRENT_TRANSACTIONS until its markers are written
      // (a few ms); KafkaJS's default first back-off (the client's 200 ms) would idle the partition that long.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 5, maxRetryTime: 1000 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Opens the stores, fences any previous owner, restores state, and learns where input resumes. */
  static async create(
    deps: PartitionTaskDeps,
    partition: number,
    heartbeat: () => Promise<void>,
  ): Promise<PartitionTask> {
    const databases = deps.topology
      .stores()
      .map(
        (spec) =>
          new Level<string, string>(
            join(deps.stateDir, deps.applicationId, String(partition), spec.name),
            LEVEL_OPTIONS,
          ),
      );
    const task = new PartitionTask(deps, partition, databases);
    const watch = new StepWatch(deps.logger.child({ partition }));
    try {
      watch.at('opening its stores');
      await Promise.all(databases.map((db) => db.open()));
      watch.at('fencing the previous owner');
      await task.#producer.connect();
      await task.#fence();
      await task.#restore(heartbeat, watch);
      watch.at('reading the committed offsets');
      await task.#loadCommittedOffsets();
      task.#task = new StreamTask({
        topology: deps.topology,
        applicationId: deps.applicationId,
        partition,
        stores: task.#stores,
        collector: { send: (messages) => task.#collector!.send(messages) },
        partitionCount: (topic) => deps.partitionCounts.get(topic) ?? 1,
      });
      await task.#task.init();
    } catch (error) {
      watch.at('closing after a failed opening');
      await task.close();
      throw error;
    } finally {
      watch.stop();
    }
    return task;
  }

  /** The committed content of one of the task's stores, or undefined when the topology has no such store. */
  store<V>(name: string): ReadOnlyKeyValueStore<V> | undefined {
    return this.#stores.get(name)?.committed() as ReadOnlyKeyValueStore<V> | undefined;
  }

  /** Processes a batch in one transaction with its input offsets; returns the last offset done. */
  processBatch(
    topic: string,
    messages: readonly KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<string | undefined> {
    return this.#serially(async () => {
      const from = this.#nextOffsets.get(topic) ?? 0n;
      // Offsets ascend: only a batch fetched before our last commit (a redelivery) starts below `from`.
      const first = messages[0];
      const todo =
        first !== undefined && BigInt(first.offset) >= from
          ? messages
          : messages.filter((m) => BigInt(m.offset) >= from);
      const last = todo.at(-1);
      if (!last) return messages.at(-1)?.offset;
      const { metrics, applicationId } = this.#deps;
      const consumed = todo.map((message) => toConsumedMessage(topic, this.partition, message));
      this.#observeLatencies(topic, consumed);
      const next = (BigInt(last.offset) + 1n).toString();
      await this.#inTransaction(
        heartbeat,
        {
          consumerGroupId: applicationId,
          topics: [{ topic, partitions: [{ partition: this.partition, offset: next }] }],
        },
        async () => {
          await this.#task.prepare(topic, consumed);
          for (const message of consumed) {
            const outcome = await this.#task.process(message);
            if (outcome === 'dead-lettered') metrics.deadLettered.inc({ application: applicationId, topic });
          }
        },
      );
      metrics.consumed.inc({ application: applicationId, topic }, todo.length);
      this.#nextOffsets.set(topic, BigInt(next));
      return last.offset;
    });
  }

  /** Runs due punctuations in a transaction of their own. */
  punctuate(now: number, heartbeat: () => Promise<void>): Promise<void> {
    return this.#serially(async () => {
      const due = this.#task.nextPunctuation();
      if (due !== undefined && due <= now)
        await this.#inTransaction(heartbeat, undefined, () => this.#task.punctuate(now));
    });
  }

  /** Waits for the work in progress, then releases the producer and the stores. */
  close(): Promise<void> {
    const watch = new StepWatch(this.#deps.logger.child({ partition: this.partition }));
    watch.at('closing (its work in progress first)');
    return this.#serially(async () => {
      await this.#task?.close();
      await this.#producer.disconnect();
      await Promise.all(this.#databases.map((db) => db.close()));
    }, 'run').finally(() => watch.stop());
  }

  async #inTransaction(
    heartbeat: () => Promise<void>,
    offsets: CommitOffsets | undefined,
    work: () => Promise<unknown>,
  ) {
    const { metrics, applicationId } = this.#deps;
    const collector = new TransactionCollector(this.#producer, async (counts) => {
      for (const [topic, count] of counts) metrics.produced.inc({ application: applicationId, topic }, count);
      await heartbeat();
    });
    this.#collector = collector;
    const stores = [...this.#stores.values()];
    const watch = new StepWatch(this.#deps.logger.child({ partition: this.partition }));
    try {
      watch.at('processing in a transaction');
      await work();
      watch.at('writing the changelog records');
      await collector.send(this.#changelogMessages());
      watch.at('committing its transaction');
      const committed = await collector.commit(offsets);
      if (committed) metrics.transactions.inc({ application: applicationId, outcome: 'committed' });
    } catch (error) {
      this.#failed = error as Error;
      metrics.transactions.inc({ application: applicationId, outcome: 'aborted' });
      for (const store of stores) store.abort();
      watch.at('aborting its transaction');
      await collector
        .abort()
        .catch((abortError) => this.#deps.logger.warn({ err: abortError }, 'abort failed'));
      throw error;
    } finally {
      watch.stop();
      this.#collector = undefined;
    }
    for (const store of stores) {
      await store.commit(collector.endOffset(changelogTopicOf(applicationId, store.name), this.partition));
    }
  }

  #changelogMessages() {
    const { topology, applicationId } = this.#deps;
    return topology.stores().flatMap((spec) => {
      if (!spec.changelog) return [];
      const topic = changelogTopicOf(applicationId, spec.name);
      return this.#stores
        .get(spec.name)!
        .changelogEntries()
        .map(({ key, value }) => ({ topic, partition: this.partition, key, value, headers: {} }));
    });
  }

  // KafkaJS's connect() does not register the transactional id; its first transaction() does, which bumps the
  // epoch: the previous owner's open transaction is aborted, or its commit in flight completes first. Until
  // then the previous owner can still commit, so this comes before reading the changelog and the offsets
  // (a CI run caught a rebalance in which both owners processed the same draw trigger).
  async #fence(): Promise<void> {
    await (await this.#producer.transaction()).abort();
  }

  // A restore that stays short of the changelog's end for minutes is held at an open transaction there: the
  // watch's warnings name the store and how many records remain.
  async #restore(heartbeat: () => Promise<void>, watch: StepWatch): Promise<void> {
    const { kafka, admin, applicationId, logger, metrics, topology } = this.#deps;
    for (const spec of topology.stores()) {
      if (!spec.changelog) continue;
      const labels = { application: applicationId, store: spec.name };
      const topic = changelogTopicOf(applicationId, spec.name);
      let reported = 0;
      let left: number | undefined;
      watch.at('restoring its stores', () => ({
        store: spec.name,
        changelog: topic,
        restored: reported,
        left,
      }));
      await restoreChangelog({
        kafka,
        admin,
        applicationId,
        topic,
        partition: this.partition,
        store: this.#stores.get(spec.name)!,
        logger,
        heartbeat,
        onProgress: (restored, remaining) => {
          metrics.restored.inc(labels, restored - reported);
          reported = restored;
          left = remaining;
          metrics.restoreRemaining.set({ ...labels, partition: String(this.partition) }, remaining);
        },
      });
    }
  }

  // After our producer fenced the previous owner, the committed offsets are final: anything below them was
  // processed (and its output committed) already, even if our consumer fetched it before the fence.
  async #loadCommittedOffsets(): Promise<void> {
    const topics = this.#deps.topology.sources().map((s) => s.source.topic);
    const committed = await this.#deps.admin.fetchOffsets({ groupId: this.#deps.applicationId, topics });
    for (const { topic, partitions } of committed) {
      const offset = partitions.find((p) => p.partition === this.partition)?.offset ?? '-1';
      if (BigInt(offset) >= 0n) this.#nextOffsets.set(topic, BigInt(offset));
    }
  }

  #observeLatencies(topic: string, messages: readonly ConsumedMessage[]): void {
    const now = Date.now();
    const labels = { application: this.#deps.applicationId, topic };
    const hop = this.#deps.metrics.hopLatency.labels(labels);
    const endToEnd = this.#deps.metrics.endToEndLatency.labels(labels);
    for (const { headers } of messages) {
      const ends = timelineEnds(headers[TIMELINE_HEADER]);
      if (ends === undefined) continue;
      hop.observe((now - ends.last.at) / 1000);
      endToEnd.observe((now - ends.first.at) / 1000);
    }
  }

  /** Runs `work` after the work queued before it; after a failed transaction only closing still runs. */
  #serially<T>(work: () => Promise<T>, afterFailure: 'refuse' | 'run' = 'refuse'): Promise<T> {
    const result = this.#queue.then(() => {
      if (this.#failed === undefined || afterFailure === 'run') return work();
      throw new PrizedrawError(
        `task ${this.partition}: an earlier transaction of this task failed; it is rebuilt from Kafka first`,
        { retriable: true, cause: this.#failed },
      );
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

function toConsumedMessage(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const { headers, binaryHeaders } = decodeHeaders(message.headers);
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    timestamp: Number(message.timestamp),
    headers,
    binaryHeaders,
    consumedHeaders: message.headers,
  };
}
