/**
 * A `timestamp` column value as an ISO-8601 UTC instant with milliseconds (`2026-03-08T12:00:00.123Z`).
 *
 * The pool reads timestamps as the server's strings (`2026-03-08 12:00:00.123`, UTC sessions): reformatting
 * that text costs a fraction of building a Date and printing it, which counts at a million rows per export.
 * A `Date` (a pool set up without `dateStrings`) is accepted too.
 */
export function sqlInstantToIso(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const fraction =
    value.length > 19 ? `${value.slice(19, 23)}${'0'.repeat(23 - Math.min(value.length, 23))}` : '.000';
  return `${value.slice(0, 10)}T${value.slice(11, 19)}${fraction}Z`;
}
