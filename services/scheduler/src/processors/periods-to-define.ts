import { type Contest, type ContestPeriod, periodContaining, periodsEndedBetween } from '@prizedraw/contests';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The periods of a contest to have as draws at `asOf`: every period from the contest's start that has
 * ended, the current one, the next one, and any other starting within `lookaheadDays` (so a weekly sync
 * keeps daily periods defined ahead of their entries).
 */
export function periodsToDefine(contest: Contest, asOf: Date, lookaheadDays = 8): ContestPeriod[] {
  const periods = periodsEndedBetween(contest, 0, asOf);
  const horizon = asOf.getTime() + lookaheadDays * DAY_MS;
  let period = periodContaining(contest, asOf) ?? firstPeriodAfter(contest, asOf);
  for (let ahead = 0; period !== undefined; ahead++) {
    if (ahead > 1 && Date.parse(period.startsAt) > horizon) break;
    periods.push(period);
    period = periodContaining(contest, period.endsAt);
  }
  return periods;
}

// Before the contest starts, its first period is the current one as far as defining goes.
function firstPeriodAfter(contest: Contest, asOf: Date): ContestPeriod | undefined {
  const first = periodContaining(contest, `${contest.startDate}T12:00:00Z`);
  return first !== undefined && Date.parse(first.startsAt) > asOf.getTime() ? first : undefined;
}
