import type { Logger } from 'pino';
import type { PartitionTask } from './partition-task';
import { isRetriableKafkaError } from './retriable-kafka-error';

/** How {@link PartitionTasks} opens a task, and where it reports. */
export interface PartitionTasksOptions {
  /** Opens (fences, restores) the task of `partition`. */
  create: (partition: number, heartbeat: () => Promise<void>) => Promise<PartitionTask>;
  logger: Logger;
  /** A task failed to open for a reason that is not a passing Kafka failure (a bug). */
  onFatal: (error: Error) => void;
  /** The number of open (or opening) tasks changed. */
  onCount: (count: number) => void;
}

// Back-off of reopening a task after a failure: doubled per failure in a row, reset once it opens.
const REOPEN_BACKOFF_MS = 250;
const REOPEN_MAX_BACKOFF_MS = 10_000;

/**
 * The tasks of one application instance, one per owned partition: opened on demand, closed after a failure
 * and opened again with back-off — input or not, since a task's punctuations (a draw to finish) run only
 * while it is open. A new task of a partition opens its stores only once the closing one let go of them.
 */
export class PartitionTasks {
  readonly #options: PartitionTasksOptions;
  readonly #tasks = new Map<number, Promise<PartitionTask>>();
  readonly #closing = new Map<number, Promise<void>>();
  /** Partitions whose task failed to open or was closed after a failure: when to try again. */
  readonly #reopenAt = new Map<number, { at: number; attempts: number }>();

  constructor(options: PartitionTasksOptions) {
    this.#options = options;
  }

  /** The task of `partition`, opened if it is not. */
  get(partition: number, heartbeat: () => Promise<void>): Promise<PartitionTask> {
    let task = this.#tasks.get(partition);
    if (!task) {
      const closed = this.#closing.get(partition) ?? Promise.resolve();
      task = closed.then(() => this.#options.create(partition, heartbeat));
      this.#tasks.set(partition, task);
      task.then(
        () => this.#reopenAt.delete(partition),
        () => {
          if (this.#tasks.get(partition) === task) this.#tasks.delete(partition);
          this.failed(partition);
        },
      );
      this.#options.onCount(this.#tasks.size);
    }
    return task;
  }

  /** Opens the task of `partition` without waiting for input; a passing failure is retried later. */
  open(partition: number): void {
    this.get(partition, async () => {}).catch((error) => {
      if (isRetriableKafkaError(error))
        this.#options.logger.warn({ err: error, partition }, 'opening task failed; retrying');
      else this.#options.onFatal(error as Error);
    });
  }

  /** Schedules `partition`'s task to be opened again (after it failed), with back-off. */
  failed(partition: number): void {
    const attempts = (this.#reopenAt.get(partition)?.attempts ?? 0) + 1;
    const backoff = Math.min(REOPEN_MAX_BACKOFF_MS, REOPEN_BACKOFF_MS * 2 ** (attempts - 1));
    this.#reopenAt.set(partition, { at: Date.now() + backoff, attempts });
  }

  /** Opens again the tasks of `owned` partitions whose back-off is over; forgets partitions not owned. */
  reopenDue(owned: ReadonlySet<number>, now: number): void {
    for (const [partition, { at }] of this.#reopenAt) {
      if (!owned.has(partition)) this.#reopenAt.delete(partition);
      else if (at <= now && !this.#tasks.has(partition)) this.open(partition);
    }
  }

  /** Whether `task` is still the open task of `partition` (it was not dropped after a failure). */
  isCurrent(partition: number, task: Promise<PartitionTask>): boolean {
    return this.#tasks.get(partition) === task;
  }

  entries(): IterableIterator<[number, Promise<PartitionTask>]> {
    return this.#tasks.entries();
  }

  partitions(): number[] {
    return [...this.#tasks.keys()];
  }

  /** Closes the task of `partition` (after its work in progress); resolves once its stores are closed. */
  async close(partition: number): Promise<void> {
    const task = this.#tasks.get(partition);
    if (!task) return;
    this.#tasks.delete(partition);
    this.#options.onCount(this.#tasks.size);
    const closing = task
      .then((t) => t.close())
      .catch((error) => this.#options.logger.warn({ err: error, partition }, 'closing task failed'));
    this.#closing.set(partition, closing);
    await closing;
    if (this.#closing.get(partition) === closing) this.#closing.delete(partition);
  }
}
