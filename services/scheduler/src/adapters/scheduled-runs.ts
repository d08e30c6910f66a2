/** What {@link ScheduledRuns} needs. */
export interface ScheduledRunsOptions {
  /** One scheduler run as of `asOf`. */
  run: (asOf: Date) => Promise<unknown>;
  /** Runs `operation` until it succeeds (backoff); rejects only when the service stops. */
  retry: (what: string, operation: () => Promise<unknown>) => Promise<unknown>;
  /** How far back one run triggers ended periods. Default 7 days, as {@link runScheduler} does. */
  windowMs?: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The scheduler service's runs, one at a time, each retried until it succeeds: a run that failed (the
 * compliance database or Kafka was down) is not dropped, since the next scheduled run a week later would
 * not look back far enough to trigger the periods the failed one was due to. Scheduled times that come
 * while a run is retried wait behind it; of several waiting, those whose window the next one covers are
 * merged into it, so an outage of any length never leaves a gap between two runs' windows and never piles
 * up runs.
 */
export class ScheduledRuns {
  readonly #options: ScheduledRunsOptions;
  readonly #pending: Date[] = [];
  #working: Promise<void> | undefined;

  constructor(options: ScheduledRunsOptions) {
    this.#options = options;
  }

  /** A scheduled time came: run as of `asOf` once the runs before it succeeded. */
  add(asOf: Date): void {
    const windowMs = this.#options.windowMs ?? WEEK_MS;
    const pending = this.#pending;
    // pending[0] is running; a waiting last one is replaced while the one before it still reaches back to it.
    const before = pending.at(-2);
    if (pending.length >= 2 && before !== undefined && asOf.getTime() - before.getTime() <= windowMs) {
      pending[pending.length - 1] = asOf;
    } else {
      pending.push(asOf);
    }
    this.#working ??= this.#drain().finally(() => {
      this.#working = undefined;
    });
  }

  /** Settles when no run is in progress (after the retry's signal ended a failing one). */
  async idle(): Promise<void> {
    await this.#working;
  }

  async #drain(): Promise<void> {
    for (let asOf = this.#pending[0]; asOf !== undefined; asOf = this.#pending[0]) {
      try {
        await this.#options.retry(`scheduler run as of ${asOf.toISOString()}`, () => this.#options.run(asOf));
      } catch {
        // Only the service stopping ends the retries: the waiting runs are dropped with it.
        this.#pending.length = 0;
        return;
      }
      this.#pending.shift();
    }
  }
}
