import { DateTime } from 'luxon';
import { formatCalendarDate, parseCalendarDate, startOfDayIn } from './calendar-date';
import type { Contest, Frequency } from './contest';

/**
 * One draw period of a contest: calendar dates in the contest's time zone (both days included) and the
 * instants they span. `endsAt` is exclusive: the instant the last day ends in the contest's zone, which is
 * when the period is over and can be drawn.
 */
export interface ContestPeriod {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD` (included). */
  end: string;
  /** Start of the first day in the contest's zone, ISO-8601 with that zone's offset. */
  startsAt: string;
  /** Start of the day after the last one in the contest's zone, ISO-8601 with offset; exclusive. */
  endsAt: string;
}

/** An instant as the period functions accept it: a `Date`, epoch milliseconds, or ISO-8601 (UTC without offset). */
export type InstantInput = Date | number | string;

/** The instant as a luxon DateTime; a RangeError for something that is not one (a caller's bug, not data). */
export function toDateTime(instant: InstantInput): DateTime {
  const value =
    instant instanceof Date
      ? DateTime.fromJSDate(instant)
      : typeof instant === 'number'
        ? DateTime.fromMillis(instant)
        : DateTime.fromISO(instant, { zone: 'utc' });
  if (!value.isValid) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return value;
}

/** First and last day of the calendar period of `frequency` that contains `date` (before clipping). */
export function calendarPeriodBounds(
  frequency: Frequency,
  date: DateTime,
): { first: DateTime; last: DateTime } {
  switch (frequency) {
    case 'daily':
      return { first: date, last: date };
    case 'weekly': {
      // ISO weeks: Monday (weekday 1) to Sunday.
      const first = date.minus({ days: date.weekday - 1 });
      return { first, last: first.plus({ days: 6 }) };
    }
    case 'monthly':
      return { first: date.startOf('month'), last: date.endOf('month').startOf('day') };
    case 'quarterly':
      return { first: date.startOf('quarter'), last: date.endOf('quarter').startOf('day') };
    case 'annually': {
      // The contest year runs October 1 to September 30 (the column comment of the production table).
      const startYear = date.month >= 10 ? date.year : date.year - 1;
      return { first: DateTime.utc(startYear, 10, 1), last: DateTime.utc(startYear + 1, 9, 30) };
    }
  }
}

/**
 * The contest's period containing calendar date `date`, clipped to the contest's start and end dates, or
 * `undefined` when the date is outside them.
 */
export function periodOfDate(contest: Contest, date: DateTime): ContestPeriod | undefined {
  const contestStart = parseCalendarDate(contest.startDate);
  const contestEnd = parseCalendarDate(contest.endDate);
  if (contestStart === undefined || contestEnd === undefined) {
    throw new RangeError(
      `contest ${contest.contestId} has invalid dates ${contest.startDate}..${contest.endDate}`,
    );
  }
  if (date < contestStart || date > contestEnd) return undefined;
  const bounds = calendarPeriodBounds(contest.frequency, date);
  const first = DateTime.max(bounds.first, contestStart);
  const last = DateTime.min(bounds.last, contestEnd);
  return {
    start: formatCalendarDate(first),
    end: formatCalendarDate(last),
    startsAt: isoInstant(startOfDayIn(first, contest.timezone)),
    endsAt: isoInstant(startOfDayIn(last.plus({ days: 1 }), contest.timezone)),
  };
}

function isoInstant(value: DateTime): string {
  const iso = value.toISO();
  if (iso === null) throw new RangeError(`cannot format ${value.invalidReason ?? 'instant'}`);
  return iso;
}
