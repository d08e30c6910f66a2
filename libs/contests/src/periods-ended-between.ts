import { DateTime } from 'luxon';
import { calendarDateAt, parseCalendarDate } from './calendar-date';
import type { Contest } from './contest';
import { type ContestPeriod, type InstantInput, periodOfDate, toDateTime } from './contest-period';

/**
 * The contest's periods that ended in the window `(from, to]`, oldest first: those whose `endsAt` (the
 * instant their last day ends in the contest's zone, after clipping to the contest's dates) is after `from`
 * and not after `to`.
 *
 * Half-open so that back-to-back windows (`(t-7d, t]`, then `(t, t+7d]`) never yield a period twice or skip
 * one. A daily contest over the 7 days before a run yields 7 periods.
 */
export function periodsEndedBetween(contest: Contest, from: InstantInput, to: InstantInput): ContestPeriod[] {
  const fromInstant = toDateTime(from);
  const toInstant = toDateTime(to);
  if (toInstant <= fromInstant) return [];
  const contestStart = parseCalendarDate(contest.startDate);
  if (contestStart === undefined) return [];

  // A period that ends after `from` has its last day on or after the day `from` falls on (an earlier last
  // day ends at or before the midnight starting that day): begin the walk there, not at the contest start.
  const firstCandidate = calendarDateAt(fromInstant, contest.timezone);
  let date: DateTime = DateTime.max(firstCandidate, contestStart);
  const periods: ContestPeriod[] = [];
  for (;;) {
    const period = periodOfDate(contest, date);
    if (period === undefined) break; // past the contest's end date
    const endsAt = DateTime.fromISO(period.endsAt);
    if (endsAt > toInstant) break;
    if (endsAt > fromInstant) periods.push(period);
    const next = parseCalendarDate(period.end);
    if (next === undefined) break;
    date = next.plus({ days: 1 });
  }
  return periods;
}
