import { IANAZone } from 'luxon';

/** Whether `zone` is an IANA time zone name this runtime knows (`Europe/London`, `UTC`; not `+01:00`). */
export function isTimeZone(zone: string): boolean {
  return /^[A-Za-z]/.test(zone) && IANAZone.isValidZone(zone);
}
