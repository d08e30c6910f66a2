import { DateTime } from 'luxon';

/**
 * The calendar date (`YYYY-MM-DD`) on which `instant` falls in the IANA zone `timeZone`: the "day" of a
 * campaign's daily limit and daily quotas, which starts at local midnight whatever the day's length (23 or
 * 25 hours on a DST change).
 */
export function localDateAt(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('yyyy-MM-dd');
}
