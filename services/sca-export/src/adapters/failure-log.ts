import type { ExportFailureRepository } from '@prizedraw/compliance-db';
import type { Logger } from 'pino';
import { failureReason } from '../processors/failure-reason';
import type { ExportStep } from './export-steps';

/** What {@link exportFailureLog} writes with. */
export interface ExportFailureLogOptions {
  failures: ExportFailureRepository;
  /** The migrations, applied before the first write (the service starts while MariaDB may be down). */
  ready: () => Promise<unknown>;
  logger: Logger;
}

/**
 * The export steps' failure hook that records each failed attempt in `sca_export_failures` for the
 * operations console. It returns at once and never throws: the export goes on retrying whatever becomes of
 * the write. When MariaDB is what failed (or fails now), the attempt cannot be written there: that is
 * logged, with the reason, and the worker carries on.
 */
export function exportFailureLog(options: ExportFailureLogOptions) {
  return (drawId: string, step: ExportStep, error: unknown): void => {
    const failure = { drawId, step, reason: failureReason(error), failedAt: new Date().toISOString() };
    options
      .ready()
      .then(() => options.failures.record(failure))
      .catch((writeError: unknown) =>
        options.logger.warn(
          { err: writeError, drawId, step, reason: failure.reason },
          'could not record the failed SCA export attempt in the database',
        ),
      );
  };
}
