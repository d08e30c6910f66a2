import type {
  ContestRepository,
  ExportFailureRepository,
  ScaExportFailures,
  ScaSubmission,
  SubmissionRepository,
} from '@prizedraw/compliance-db';
import type { DrawDefinitions } from '@prizedraw/service';
import { latestClosingFirst } from '../draw-state';
import { type ScaExportRequest, type ScaExportStatus, scaExportStatusOf, scaPeriodOf } from '../sca-exports';

/** One SCA draw on the exports page. */
export interface ScaDrawExport {
  readonly drawId: string;
  readonly closesAt: string;
  /** The contest (utm_content) and the first and last day of the period, from the draw id. */
  readonly period: { contest: string; start: string; end: string } | null;
  readonly submission: ScaSubmission | null;
  /** `s3://bucket/key` of the `.txt` and `.hsh` the worker archives, once a submission names them. */
  readonly s3: { txt: string; hsh: string } | null;
  readonly status: ScaExportStatus;
  /** The export request the console would send again on a retry; null: none seen yet. */
  readonly requestedAt: string | null;
  /**
   * The worker's failed attempts at the draw's export: how many, and the latest few with their reasons;
   * null when the failure log is not in the database yet (the export worker has not migrated it).
   */
  readonly failedAttempts: ScaExportFailures | null;
}

/** The SCA exports page: the contests, and each SCA draw with its submission (or none yet). */
export interface ScaOverview {
  readonly contests: {
    contestId: number;
    utmContent: string;
    name: string | null;
    frequency: string;
    timezone: string;
    active: boolean;
  }[];
  /** Contest rows the sync cannot use, with the reason naming the column. */
  readonly rejected: { contestId: number; reason: string }[];
  readonly draws: ScaDrawExport[];
}

/** What {@link scaOverview} reads. */
export interface ScaSources {
  readonly contests: ContestRepository;
  readonly submissions: SubmissionRepository;
  readonly failures: ExportFailureRepository;
  readonly definitions: DrawDefinitions;
  readonly requests: ReadonlyMap<string, ScaExportRequest>;
  /** The export worker's committed offsets on the exports topic, by partition. */
  readonly committed: () => Promise<Map<number, bigint>>;
  /** The worker's retention bucket and key prefix (its S3_BUCKET and S3_KEY_PREFIX). */
  readonly bucket: string;
  readonly keyPrefix: string;
}

// Failed attempts listed per draw; the rest are counted.
const FAILURES_LISTED = 5;

/**
 * Reads the SCA side from the compliance database (contests, `sca_submissions`, `sca_export_failures`) and
 * joins it with the SCA draws of the definitions table, latest closing first, at most `limit` draws (two
 * queries each), each with the state of its export and its failed attempts.
 */
export async function scaOverview(sources: ScaSources, limit: number, now: number): Promise<ScaOverview> {
  const { contests, rejected } = await sources.contests.listContests();
  const committed = await sources.committed();
  const scaDraws = latestClosingFirst(
    sources.definitions.changedSince(0).filter((draw) => draw.administrator === 'sca'),
  ).slice(0, limit);
  const draws = await Promise.all(
    scaDraws.map(async (draw): Promise<ScaDrawExport> => {
      const [submission, failedAttempts] = await Promise.all([
        sources.submissions.find(draw.drawId),
        failuresOf(sources.failures, draw.drawId),
      ]);
      const request = sources.requests.get(draw.drawId);
      const period = scaPeriodOf(draw.drawId);
      // The worker's archive key: `<prefix><utm_content>/<file>` (sca-export's archiveKey).
      const s3Of = (file: string) => `s3://${sources.bucket}/${sources.keyPrefix}${period?.contest}/${file}`;
      return {
        drawId: draw.drawId,
        closesAt: draw.closesAt,
        period,
        submission: submission ?? null,
        s3: submission && period ? { txt: s3Of(submission.txtName), hsh: s3Of(submission.hshName) } : null,
        status: scaExportStatusOf(
          request,
          submission,
          request && committed.get(request.partition),
          now,
          failedAttempts?.latest[0],
        ),
        requestedAt: request ? new Date(request.at).toISOString() : null,
        failedAttempts,
      };
    }),
  );
  return {
    contests: contests.map(({ contestId, utmContent, name, frequency, timezone, active }) => ({
      contestId,
      utmContent,
      name,
      frequency,
      timezone,
      active,
    })),
    rejected,
    draws,
  };
}

// The console reads the database and migrates nothing: until the export worker has applied migration 004,
// the failure log is not there, which the page says rather than failing.
async function failuresOf(failures: ExportFailureRepository, drawId: string) {
  try {
    return await failures.latestOf(drawId, FAILURES_LISTED);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ER_NO_SUCH_TABLE') return null;
    throw error;
  }
}
