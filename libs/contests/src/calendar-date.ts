import { DateTime, IANAZone } from 'luxon';

// Calendar dates are handled as luxon DateTimes at midnight UTC: day arithmetic on them never meets a DST
// change. Only `startOfDayIn` turns a calendar date into an instant, in the contest's own zone.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` string as a calendar date, or `undefined` when it is not a real date (`2026-02-30`). */
export function parseCalendarDate(text: string): DateTime | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const date = DateTime.fromISO(text, { zone: 'utc' });
  return date.isValid ? date : undefined;
}

/** `YYYY-MM-DD` of a calendar date. */
export function formatCalendarDate(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/** The calendar date on which `instant` falls in `zone`. */
export function calendarDateAt(instant: DateTime, zone: string): DateTime {
  const local = instant.setZone(zone);
  return DateTime.utc(local.year, local.month, local.day);
}

/**
 * The first instant of a calendar date in `zone`. Where midnight does not exist (a zone that springs forward
 * at 00:00), luxon moves it forward to the first time that exists, which is still the start of that day.
 */
export function startOfDayIn(date: DateTime, zone: string): DateTime {
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone });
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
