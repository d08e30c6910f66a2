import type { ContestRepository, ScaSubmission, SubmissionRepository } from '@prizedraw/compliance-db';
import type { DrawDefinitions } from '@prizedraw/service';

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
  readonly draws: { drawId: string; closesAt: string; submission: ScaSubmission | null }[];
}

/**
 * Reads the SCA side from the compliance database (contests, `sca_submissions`) and joins it with the SCA
 * draws of the definitions table, latest closing first, at most `limit` draws (one query each).
 */
export async function scaOverview(
  options: { contests: ContestRepository; submissions: SubmissionRepository; definitions: DrawDefinitions },
  limit: number,
): Promise<ScaOverview> {
  const { contests, rejected } = await options.contests.listContests();
  const scaDraws = options.definitions
    .changedSince(0)
    .filter((draw) => draw.administrator === 'sca')
    .sort((a, b) => b.closesAt.localeCompare(a.closesAt))
    .slice(0, limit);
  const draws = await Promise.all(
    scaDraws.map(async (draw) => ({
      drawId: draw.drawId,
      closesAt: draw.closesAt,
      submission: (await options.submissions.find(draw.drawId)) ?? null,
    })),
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
