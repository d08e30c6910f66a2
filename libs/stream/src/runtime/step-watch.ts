import type { Logger } from 'pino';

const EVERY_MS = 15_000;
const NO_DETAILS = () => ({});

/**
 * Names what a task is waiting for while it waits long: every 15 s that one step (fencing, restoring,
 * committing, …) is still under way, a warning says which and for how long. A task that hangs on Kafka
 * would otherwise be silent, and a consumer of its output would only see its input stop.
 */
export class StepWatch {
  readonly #logger: Logger;
  #step = '';
  #details: () => object = NO_DETAILS;
  #since = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** The task is now at `step`; `details` says where in it the task has got to, read when warning. */
  at(step: string, details: () => object = NO_DETAILS): void {
    this.#step = step;
    this.#details = details;
    this.#since = Date.now();
    this.#timer ??= setInterval(() => {
      const forMs = Date.now() - this.#since;
      if (forMs < EVERY_MS) return;
      this.#logger.warn(
        { step: this.#step, forMs, ...this.#details() },
        `task still ${this.#step} after ${forMs} ms`,
      );
    }, EVERY_MS).unref();
  }

  /** The task is done waiting. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
