import { EventEmitter } from 'node:events';
import { type Admin, type Consumer, type EachBatchPayload, Kafka, KafkaJSError } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { deadLetterTopicOf } from '../processor/dead-letter';
import type { Topology } from '../processor/topology';
import type { ReadOnlyKeyValueStore } from '../state/key-value-store';
import { ensureTopics, type TopicSpec } from './ensure-topics';
import { kafkaLogCreator } from './kafka-logger';
import { changelogTopicOf, PartitionTask, type PartitionTaskDeps } from './partition-task';
import { PartitionTasks } from './partition-tasks';
import { isPassingFailure } from './passing-failure';
import { changelogAdmin } from './restore-changelog';
import { isFencedKafkaError } from './retriable-kafka-error';
import { restartOnRetriable, runConsumer } from './run-consumer';
import { StreamMetrics } from './stream-metrics';

/** Options of a stream application; every field but the first three has a default. */
export interface KafkaStreamsOptions {
  /** Consumer group, transactional-id prefix and changelog prefix: unique per application. */
  applicationId: string;
  brokers: string[];
  /** Where the LevelDB stores live: `<stateDir>/<applicationId>/<partition>/<store>`. */
  stateDir: string;
  /** Partitions of topics the application has to create (default 8). */
  partitions?: number;
  /** Replication factor of topics it creates (default 1, a single local broker). */
  replicationFactor?: number;
  logger?: Logger;
  /** Metrics shared by the applications of one process; default a registry of its own. */
  metrics?: StreamMetrics;
  /** Longest a transaction may stay open (default 60 s; a large draw run needs the time). */
  transactionTimeoutMs?: number;
  /** How often due punctuations are looked for (default 250 ms). */
  punctuationCheckMs?: number;
  /** How long the group waits for a silent member before moving its partitions (default 30 s). */
  sessionTimeoutMs?: number;
  /**
   * Most bytes a fetch takes of one input partition (default 2 MiB). An input batch is at most this, so it
   * bounds what each of a process's tasks holds while it works through one: the batch, and the output and
   * store writes made from it, live until the batch's transaction commits.
   */
  fetchBytesPerPartition?: number;
}

export type StreamsState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/**
 * Runs a topology against Kafka with exactly-once processing: each input batch, its outputs, its store
 * changelog records and its input offsets commit in one transaction. Passing failures of the cluster (a
 * broker restart, a coordinator that moved, fencing) and retriable errors of a deserializer (a schema
 * registry that is down) are retried with back-off, the failed task rebuilt from what Kafka committed. Emits `error` with the cause when anything else fails (a bug) and stops;
 * callers should exit loudly then.
 *
 * ```ts
 * const streams = new KafkaStreams(topology, { applicationId: 'wallet', brokers: ['127.0.0.1:9092'], stateDir });
 * streams.on('error', (error) => { logger.fatal({ err: error }); process.exit(1); });
 * await streams.start();
 * ```
 */
export class KafkaStreams extends EventEmitter<{ error: [Error]; state: [StreamsState] }> {
  readonly #topology: Topology;
  readonly #options: Required<Omit<KafkaStreamsOptions, 'metrics' | 'logger'>>;
  readonly #logger: Logger;
  readonly metrics: StreamMetrics;
  readonly #kafka: Kafka;
  readonly #tasks: PartitionTasks;
  #admin: Admin | undefined;
  #deps: PartitionTaskDeps | undefined;
  #consumer: Consumer | undefined;
  #punctuationTimer: NodeJS.Timeout | undefined;
  #state: StreamsState = 'created';
  #assigned = false;
  #owned = new Set<number>();

  constructor(topology: Topology, options: KafkaStreamsOptions) {
    super();
    this.#topology = topology;
    this.#options = {
      partitions: 8,
      replicationFactor: 1,
      transactionTimeoutMs: 60_000,
      punctuationCheckMs: 250,
      sessionTimeoutMs: 30_000,
      fetchBytesPerPartition: 2 * 1024 * 1024,
      ...options,
    };
    this.#logger = (options.logger ?? pino({ level: 'warn' })).child({ application: options.applicationId });
    this.metrics = options.metrics ?? new StreamMetrics(new Registry());
    this.#kafka = new Kafka({
      clientId: options.applicationId,
      brokers: options.brokers,
      logCreator: kafkaLogCreator(this.#logger),
      retry: { retries: 8, initialRetryTime: 200 },
    });
    this.#tasks = new PartitionTasks({
      create: (partition, heartbeat) => PartitionTask.create(this.#deps!, partition, heartbeat),
      logger: this.#logger,
      onFatal: (error) => void this.#fail(error),
      onCount: (count) => this.metrics.tasks.set({ application: options.applicationId }, count),
    });
  }

  /** The application id, as health checks report it. */
  get name(): string {
    return this.#options.applicationId;
  }

  get state(): StreamsState {
    return this.#state;
  }

  /** Ready once it has joined the group and owns its partitions. */
  isReady(): boolean {
    return this.#state === 'running' && this.#assigned;
  }

  async start(): Promise<void> {
    if (this.#state !== 'created')
      throw new Error(`KafkaStreams ${this.#options.applicationId}: start() called in state ${this.#state}`);
    this.#setState('starting');
    const { applicationId, partitions, replicationFactor } = this.#options;
    // Also the restores' admin: it lists high watermarks (see restoreChangelog).
    this.#admin = changelogAdmin(this.#kafka);
    await this.#admin.connect();
    const sourceTopics = this.#topology.sources().map((s) => s.source.topic);
    const partitionCounts = await ensureTopics(this.#admin, this.#topicSpecs(), {
      partitions,
      replicationFactor,
    });
    // Linked topics too: a fused task's records must stay in its partition on each of them.
    const partitioned = [...sourceTopics, ...this.#topology.linkedSources().map((s) => s.source.topic)];
    if (new Set(partitioned.map((topic) => partitionCounts.get(topic))).size > 1) {
      throw new Error(
        `${applicationId}: source topics must be co-partitioned (same partition count): ${partitioned.join(', ')}`,
      );
    }
    this.#deps = {
      kafka: this.#kafka,
      admin: this.#admin,
      topology: this.#topology,
      applicationId,
      stateDir: this.#options.stateDir,
      partitionCounts,
      metrics: this.metrics,
      logger: this.#logger,
      transactionTimeoutMs: this.#options.transactionTimeoutMs,
    };
    this.#consumer = this.#kafka.consumer({
      groupId: applicationId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: this.#options.fetchBytesPerPartition,
      sessionTimeout: this.#options.sessionTimeoutMs,
      heartbeatInterval: Math.min(3000, this.#options.sessionTimeoutMs / 5),
      retry: {
        retries: 8,
        restartOnFailure: async (error) => !this.#shuttingDown() && restartOnRetriable(error),
      },
    });
    this.#consumer.on(this.#consumer.events.GROUP_JOIN, ({ payload }) => {
      this.#assigned = true;
      const owned = new Set(sourceTopics.flatMap((topic) => payload.memberAssignment[topic] ?? []));
      this.#owned = owned;
      this.#logger.info({ partitions: [...owned].sort((a, b) => a - b) }, 'partitions assigned');
      for (const partition of this.#tasks.partitions())
        if (!owned.has(partition)) void this.#tasks.close(partition);
      // Open (and restore) every owned task now, not at its first input: a task whose input was all consumed
      // before a crash still has punctuations to run (a draw to finish).
      for (const partition of owned) this.#tasks.open(partition);
    });
    // Not ready while the consumer restarts; its next GROUP_JOIN says which partitions it owns.
    this.#consumer.on(this.#consumer.events.CRASH, () => {
      this.#assigned = false;
    });
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: sourceTopics, fromBeginning: true });
    await runConsumer(
      this.#consumer,
      {
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: partitions,
        eachBatch: (payload) => this.#processBatch(payload),
      },
      {
        logger: this.#logger,
        onFatal: (error) => void this.#fail(error),
        stopping: () => this.#shuttingDown(),
      },
    );
    this.#punctuationTimer = setInterval(() => void this.#punctuate(), this.#options.punctuationCheckMs);
    this.#setState('running');
  }

  /** How many partitions `topic` has, once started, for topics the application reads or writes. */
  partitionCount(topic: string): number | undefined {
    return this.#deps?.partitionCounts.get(topic);
  }

  /**
   * Kafka Streams' interactive query: the committed content of store `name` of `partition`, or undefined
   * while this instance does not own that partition (another instance does, or the group is rebalancing).
   * Opens (and restores) the partition's task if no input reached it yet.
   *
   * @throws Error when the topology has no store `name`.
   */
  async store<V>(name: string, partition: number): Promise<ReadOnlyKeyValueStore<V> | undefined> {
    if (!this.isReady() || !this.#owned.has(partition)) return undefined;
    const store = (await this.#tasks.get(partition, async () => {})).store<V>(name);
    if (store === undefined) throw new Error(`${this.name} has no store ${name}`);
    return store;
  }

  /** Finishes the batches in progress, commits or aborts their transactions, closes stores. */
  async close(): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'stopping') return;
    this.#setState('stopping');
    clearInterval(this.#punctuationTimer);
    await this.#consumer?.disconnect();
    await Promise.all(this.#tasks.partitions().map((partition) => this.#tasks.close(partition)));
    await this.#admin?.disconnect();
    this.#setState('stopped');
  }

  async #processBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.isEmpty()) return;
    const started = process.hrtime.bigint();
    try {
      const task = await this.#tasks.get(batch.partition, heartbeat);
      const last = await task.processBatch(batch.topic, batch.messages, heartbeat);
      if (last !== undefined) resolveOffset(last);
    } catch (error) {
      // Whatever failed inside a transaction, the task's local view may be off: rebuild it from Kafka.
      await this.#tasks.close(batch.partition);
      if (!isPassingFailure(error)) {
        void this.#fail(error as Error);
        throw error;
      }
      // KafkaJS retries a batch (with back-off) only when the error itself says retriable; fencing, a retry
      // loop that gave up while the broker was away, or a schema registry that is down say otherwise (or are
      // no KafkaJS errors at all), and would crash the consumer.
      this.#logger.warn(
        { err: error, partition: batch.partition },
        'batch failed on a passing failure (Kafka or the schema registry); retrying',
      );
      this.#tasks.failed(batch.partition);
      throw retryOrRejoin(error as Error);
    }
    const labels = { application: this.#options.applicationId };
    this.metrics.batchSeconds.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    this.metrics.lag.set(
      { ...labels, topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    await heartbeat();
  }

  async #punctuate(): Promise<void> {
    const now = Date.now();
    if (this.#assigned) this.#tasks.reopenDue(this.#owned, now);
    for (const [partition, task] of [...this.#tasks.entries()]) {
      try {
        await (await task).punctuate(now, async () => {});
      } catch (error) {
        // A task that failed to open was already dropped (and its reopening scheduled).
        if (!this.#tasks.isCurrent(partition, task)) continue;
        await this.#tasks.close(partition);
        if (!isPassingFailure(error)) await this.#fail(error as Error);
        else this.#tasks.failed(partition);
      }
    }
  }

  async #fail(error: Error): Promise<void> {
    if (this.#state === 'failed' || this.#state === 'stopped') return;
    this.#logger.error({ err: error }, 'stream application failed');
    await this.close().catch(() => undefined);
    this.#setState('failed');
    this.emit('error', error);
  }

  #topicSpecs(): TopicSpec[] {
    const { applicationId } = this.#options;
    const sources = this.#topology.sources().map((s) => s.source.topic);
    return [
      ...sources.map((topic) => ({ topic })),
      ...sources.map((topic) => ({ topic: deadLetterTopicOf(topic) })),
      ...this.#topology.sinks().map((s) => ({ topic: s.sink.topic })),
      ...this.#topology
        .stores()
        .filter((s) => s.changelog)
        .map((s) => ({ topic: changelogTopicOf(applicationId, s.name), compacted: true })),
    ];
  }

  // Not only 'running': a consumer that crashes while start() still waits for its first join (the broker
  // restarting) must be restarted too, or the application never becomes ready and never exits.
  #shuttingDown(): boolean {
    return this.#state === 'stopping' || this.#state === 'stopped' || this.#state === 'failed';
  }

  #setState(state: StreamsState): void {
    this.#state = state;
    this.emit('state', state);
  }
}

/**
 * The error that makes KafkaJS do the right thing after a failed batch: fetch it again after back-off, or,
 * when another instance fenced this one, first rejoin the group (KafkaJS rejoins on an error of type
 * `REBALANCE_IN_PROGRESS`, errors.js isRebalancing), so a zombie learns it lost the partition instead of
 * fencing its new owner back.
 */
function retryOrRejoin(error: Error): KafkaJSError {
  const retry = new KafkaJSError(error, { retriable: true });
  return isFencedKafkaError(error) ? Object.assign(retry, { type: 'REBALANCE_IN_PROGRESS' }) : retry;
}
