import { databaseAddress, isConnectionFailure } from '@prizedraw/compliance-db';
import { PrizedrawError } from '@prizedraw/events';

/**
 * `prizedraw scheduler run` failed. The message says whether the compliance database was unreachable and
 * that running again is safe: triggers already recorded are skipped, and one sent but not recorded before the
 * failure is sent again, which draws once.
 */
export class SchedulerRunError extends PrizedrawError {
  constructor(asOf: Date, mysqlUrl: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    const unreachable = isConnectionFailure(cause);
    const what = unreachable
      ? `the compliance database at ${databaseAddress(mysqlUrl)} is unreachable (${reason})`
      : reason;
    super(
      `scheduler run as of ${asOf.toISOString()} failed: ${what}; run it again${unreachable ? ' once it is back' : ''}: ` +
        'periods already triggered are skipped, and one whose trigger was sent but not recorded is triggered again, which draws once',
      { retriable: unreachable, cause },
    );
  }
}
