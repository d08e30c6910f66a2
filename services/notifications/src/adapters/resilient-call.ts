import { PrizedrawError } from '@prizedraw/events';
import { retryWithBackoff } from '@prizedraw/service';
import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';

/** A call to another service failed; `retriable` says whether trying again may help (5xx, no answer). */
export class CallFailed extends Error {
  override readonly name = 'CallFailed';
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

/**
 * A service this one depends on did not answer within the wait allowed to one batch. Retriable: the stream
 * runtime aborts the batch (its transaction and offsets) and fetches it again after a back-off, so records
 * wait for the service instead of being lost or dead-lettered.
 */
export class DependencyUnavailableError extends PrizedrawError {
  constructor(dependency: string, waitedMs: number, cause: unknown) {
    super(`${dependency} did not answer within ${waitedMs} ms; the batch is retried`, {
      retriable: true,
      cause,
    });
  }
}

/** Options of {@link ResilientCall}. */
export interface ResilientCallOptions {
  /** The service called, for logs and metrics (`decisions`, `onsite-gateway`). */
  readonly name: string;
  /** How long a record waits for an answer, retrying with back-off, before its batch is handed back. */
  readonly maxWaitMs: number;
  readonly logger: Pick<Logger, 'warn' | 'error' | 'info' | 'debug'>;
  /** Told of each failed attempt and of the breaker opening and closing (metrics). */
  readonly onFailure?: () => void;
  readonly onBreaker?: (open: boolean) => void;
  /** Breaker: opens when this share of calls in its 10 s window failed (at least 5 calls); default 50. */
  readonly errorThresholdPercentage?: number;
  /** Breaker: how long it stays open before letting one call through; default 5 s. */
  readonly resetTimeoutMs?: number;
}

/**
 * One HTTP operation made resilient: each attempt goes through an opossum circuit breaker (while the service
 * keeps failing, attempts fail at once instead of piling up timeouts), failed attempts are retried with
 * exponential back-off and jitter, and after `maxWaitMs` the call throws {@link DependencyUnavailableError}.
 * A {@link CallFailed} that is not retriable (the request's fault) is thrown at once and does not count
 * against the breaker.
 */
export class ResilientCall<A, R> {
  readonly #breaker: CircuitBreaker<[A], R>;
  readonly #options: ResilientCallOptions;
  readonly #closing = new AbortController();
  // While the breaker is open every attempt fails at once with EOPENBREAKER: the opening was logged, the
  // attempts are only worth a debug line each.
  readonly #retryLogger: Pick<Logger, 'warn' | 'error'>;

  constructor(attempt: (argument: A) => Promise<R>, options: ResilientCallOptions) {
    this.#options = options;
    this.#breaker = new CircuitBreaker(attempt, {
      name: options.name,
      timeout: false, // each attempt carries its own timeout (AbortSignal.timeout on fetch)
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      resetTimeout: options.resetTimeoutMs ?? 5_000,
      volumeThreshold: 5,
      errorFilter: (error) => error instanceof CallFailed && !error.retriable,
    });
    const { logger } = options;
    this.#retryLogger = {
      warn: ((fields: { err?: { code?: string } }, message: string) =>
        fields.err?.code === 'EOPENBREAKER'
          ? logger.debug({ ...fields, err: undefined }, message)
          : logger.warn(fields, message)) as Logger['warn'],
      error: logger.error.bind(logger),
    };
    this.#breaker.on('open', () => {
      options.logger.warn({ dependency: options.name }, 'circuit breaker opened');
      options.onBreaker?.(true);
    });
    this.#breaker.on('close', () => {
      options.logger.info({ dependency: options.name }, 'circuit breaker closed');
      options.onBreaker?.(false);
    });
  }

  /** Calls until an answer, a non-retriable failure, `maxWaitMs` or {@link close}. */
  async call(argument: A): Promise<R> {
    const { name, maxWaitMs, onFailure } = this.#options;
    // The first attempt without the retry loop's signals and timers: most calls need nothing more.
    try {
      return await this.#breaker.fire(argument);
    } catch (error) {
      if (error instanceof CallFailed && !error.retriable) throw error;
      onFailure?.();
    }
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), maxWaitMs);
    const signal = AbortSignal.any([deadline.signal, this.#closing.signal]);
    const outcome = await retryWithBackoff(
      async () => {
        try {
          return { answer: await this.#breaker.fire(argument) };
        } catch (error) {
          // Hand a non-retriable failure out of the retry loop, which would otherwise try it again.
          if (error instanceof CallFailed && !error.retriable) return { refused: error };
          throw error;
        }
      },
      {
        what: `calling ${name}`,
        logger: this.#retryLogger,
        signal,
        initialDelayMs: 100,
        maxDelayMs: 2_000,
        onFailure,
      },
    )
      .catch((error: unknown) => {
        if (signal.aborted) throw new DependencyUnavailableError(name, maxWaitMs, error);
        throw error;
      })
      .finally(() => clearTimeout(timer));
    if ('refused' in outcome) throw outcome.refused;
    return outcome.answer;
  }

  /** Ends waits in progress (shutdown) and the breaker's timers. */
  close(): void {
    this.#closing.abort();
    this.#breaker.shutdown();
  }
}
