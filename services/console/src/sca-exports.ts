import type { ScaExportFailure, ScaSubmission } from '@prizedraw/compliance-db';
import type { ScaExportReady } from '@prizedraw/events';

/** The latest export request of a draw on `{brand}.sca.exports`, where it is there. */
export interface ScaExportRequest {
  readonly ready: ScaExportReady;
  readonly partition: number;
  readonly offset: string;
  /** When it was written (ms). */
  readonly at: number;
}

/**
 * Where a draw's SCA export stands: `not-requested` (its runs are not complete), `queued` (the export worker
 * has not reached its request), `delivering` (the file pair is being delivered), `stalled` (the worker
 * recorded a failed attempt since the request, or has been delivering for longer than an export takes: it
 * is retrying a step that fails), `failed` (the worker passed its request without a delivered submission),
 * `delivered`.
 */
export type ScaExportState = 'not-requested' | 'queued' | 'delivering' | 'stalled' | 'failed' | 'delivered';

export interface ScaExportStatus {
  readonly state: ScaExportState;
  /** Why it is not delivered, in words an operator acts on; null when delivered or simply waiting. */
  readonly reason: string | null;
}

// An export of a million entries takes seconds (docs/sca-contests.md); past this it is retrying a failure.
const STALLED_AFTER_MS = 5 * 60_000;

/**
 * The state of one draw's export from its request on the exports topic, its row in `sca_submissions`, the
 * export worker's committed offset on the request's partition (the next record it will take) and the latest
 * failed attempt the worker recorded for the draw (`sca_export_failures`), if any.
 */
export function scaExportStatusOf(
  request: ScaExportRequest | undefined,
  submission: ScaSubmission | undefined,
  committed: bigint | undefined,
  now: number,
  latestFailure?: ScaExportFailure,
): ScaExportStatus {
  if (submission?.finishedAt) return { state: 'delivered', reason: null };
  if (!request) return { state: 'not-requested', reason: null };
  const passed = committed !== undefined && BigInt(request.offset) < committed;
  if (passed)
    return {
      state: 'failed',
      reason: submission
        ? `delivery started at ${submission.startedAt} never finished, and the export worker went past the request`
        : 'the export worker went past the request without recording a submission (it skips a request it cannot read)',
    };
  // A failure recorded since the request means the worker has it and is retrying a step that fails, even
  // before a submission is started (the definition, the database) or within the first minutes of one.
  const failing =
    latestFailure && Date.parse(latestFailure.failedAt) >= request.at ? latestFailure : undefined;
  const retrying =
    failing &&
    `the worker is retrying step ${failing.step}, which last failed at ${failing.failedAt}: ${failing.reason}`;
  if (!submission)
    return retrying ? { state: 'stalled', reason: retrying } : { state: 'queued', reason: null };
  const since = now - Date.parse(submission.startedAt);
  if (since < STALLED_AFTER_MS && !retrying) return { state: 'delivering', reason: null };
  return {
    state: 'stalled',
    reason:
      `delivering since ${submission.startedAt} (${Math.round(since / 60_000)} min): ` +
      (retrying ??
        'the worker is retrying a step that fails (FTP, S3 or the database); it retries until it succeeds'),
  };
}

/** The first and last day of a draw's period, from its id `<utm_content>-<start>-to-<end>` (scheduler's). */
export function scaPeriodOf(drawId: string): { contest: string; start: string; end: string } | null {
  const match = /^(.+)-(\d{4}-\d{2}-\d{2})-to-(\d{4}-\d{2}-\d{2})$/.exec(drawId);
  return match ? { contest: match[1] ?? '', start: match[2] ?? '', end: match[3] ?? '' } : null;
}
