import { calendarDateAt } from './calendar-date';
import type { Contest } from './contest';
import { type ContestPeriod, type InstantInput, periodOfDate, toDateTime } from './contest-period';

/**
 * The contest period an instant belongs to (an entry counts in the period containing its time), or
 * `undefined` when the instant falls on a day, in the contest's zone, before `startDate` or after `endDate`.
 *
 * @example
 * periodContaining(contest, '2026-03-08T12:00:00Z'); // weekly, America/New_York:
 * // { start: '2026-03-02', end: '2026-03-08', startsAt: '2026-03-02T00:00:00.000-05:00', endsAt: '2026-03-09T00:00:00.000-04:00' }
 */
export function periodContaining(contest: Contest, instant: InstantInput): ContestPeriod | undefined {
  return periodOfDate(contest, calendarDateAt(toDateTime(instant), contest.timezone));
}
