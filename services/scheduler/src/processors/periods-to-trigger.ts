import { type Contest, periodsEndedBetween, scaDrawId } from '@prizedraw/contests';

/** A draw the scheduler should trigger, with the contest it belongs to. */
export interface DueDraw {
  drawId: string;
  contestId: number;
  utmContent: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The draws of every active contest whose period ended within the `days` days before `asOf` (a daily
 * contest yields 7 for a week), in contest then period order.
 */
export function periodsToTrigger(contests: readonly Contest[], asOf: Date, days = 7): DueDraw[] {
  const from = new Date(asOf.getTime() - days * DAY_MS);
  return contests
    .filter((contest) => contest.active)
    .flatMap((contest) =>
      periodsEndedBetween(contest, from, asOf).map((period) => ({
        drawId: scaDrawId(contest, period),
        contestId: contest.contestId,
        utmContent: contest.utmContent,
      })),
    );
}
