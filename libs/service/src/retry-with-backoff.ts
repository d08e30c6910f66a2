import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/** Options of {@link retryWithBackoff}. */
export interface RetryWithBackoffOptions {
  /** What is tried, for the log line of each failure (`recording the trigger of …`). */
  what: string;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Ends the retries (shutdown): the pending wait is cut short and the call rejects with an AbortError. */
  signal?: AbortSignal;
  /** Delay after the first failure. Default 1 s; doubles after each failure. */
  initialDelayMs?: number;
  /** Cap of one delay. Default 60 s. */
  maxDelayMs?: number;
  /** Called on each failure before the wait (metrics). */
  onFailure?: (error: unknown, attempt: number) => void;
  /**
   * Whether a failure should wait the longest delay at once: it will not pass by itself (`retriable: false`,
   * e.g. a conflict an operator must resolve), so it is logged at error level and tried rarely. Default: never.
   */
  needsOperator?: (error: unknown) => boolean;
}

/**
 * Runs `operation` until it succeeds, waiting after each failure with exponential backoff and jitter (half
 * to all of the delay, so processes that lost a server together do not all come back in the same instant).
 * Each failure is logged with the attempt and the wait. Only `signal` ends the retries: an outage of a
 * server that comes back is waited out, however long it lasts.
 */
export async function retryWithBackoff<T>(
  operation: () => Promise<T>,
  options: RetryWithBackoffOptions,
): Promise<T> {
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await operation();
    } catch (error) {
      options.signal?.throwIfAborted();
      options.onFailure?.(error, attempt);
      const stuck = options.needsOperator?.(error) ?? false;
      const delayMs = stuck
        ? maxDelayMs
        : Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      const fields = { err: error, what: options.what, attempt, retryInMs: Math.round(delayMs) };
      if (stuck) options.logger.error(fields, `${options.what} failed and needs an operator; retrying`);
      else options.logger.warn(fields, `${options.what} failed; retrying`);
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : {});
    }
  }
}
