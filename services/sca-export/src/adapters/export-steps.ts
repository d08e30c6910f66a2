import { PrizedrawError } from '@prizedraw/events';
import { registeredCounter, retryWithBackoff } from '@prizedraw/service';
import type { Logger } from 'pino';
import type { Counter, Registry } from 'prom-client';

/** The part of an export that failed: which server (or the local file) an operator should look at. */
export type ExportStep = 'submission-log' | 'definition' | 'entries-file' | 'ftp' | 's3' | 'record';

/** How {@link exportSteps} retries. */
export interface ExportRetryOptions {
  /** Ends the retries (shutdown, or the worker lost the draw's partition). */
  signal?: AbortSignal;
  /** Delay after a step's first failure. Default 1 s; doubles after each failure. */
  initialDelayMs?: number;
  /** Cap of one delay, and the delay of a failure that needs an operator. Default 60 s. */
  maxDelayMs?: number;
  /** Called on each failed attempt (metrics, the failure log). */
  onFailure?: (step: ExportStep, error: unknown, drawId: string) => void;
}

/**
 * Runs the steps of one draw's export, each retried on its own until it succeeds: an outage of MariaDB, the
 * FTP server or S3 is waited out where it happened, with exponential backoff, and the steps already done
 * (the entries file, the delivery) are not done again. A failure that will not pass by itself (a different
 * pair already on FTP or in S3, a refused login or certificate: a non-retriable {@link PrizedrawError}) is
 * logged at error level as needing an operator and tried again every `maxDelayMs`, so the export completes
 * once the operator has fixed it.
 */
export function exportSteps(drawId: string, logger: Logger, options: ExportRetryOptions = {}) {
  return <T>(step: ExportStep, what: string, operation: () => Promise<T>): Promise<T> =>
    retryWithBackoff(operation, {
      what: `${what} (draw ${drawId}, step ${step})`,
      logger,
      ...(options.signal && { signal: options.signal }),
      ...(options.initialDelayMs !== undefined && { initialDelayMs: options.initialDelayMs }),
      ...(options.maxDelayMs !== undefined && { maxDelayMs: options.maxDelayMs }),
      onFailure: (error) => options.onFailure?.(step, error, drawId),
      needsOperator: (error) => error instanceof PrizedrawError && !error.retriable,
    });
}

/**
 * `prizedraw_sca_export_failures_total{step}`: failed attempts of an export step, each retried; the step
 * names the server that is down (`submission-log`: MariaDB, `ftp`, `s3`), the local file, or `record`: the
 * draw's record not on the records topic yet, or not copied to S3.
 */
export function exportStepFailures(registry: Registry): Counter<'step'> {
  return registeredCounter(registry, {
    name: 'prizedraw_sca_export_failures_total',
    help: 'Failed SCA export attempts by step (submission-log, definition, entries-file, ftp, s3, record); each is retried with backoff',
    labelNames: ['step'],
  });
}
