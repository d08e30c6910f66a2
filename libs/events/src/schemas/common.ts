import { z } from 'zod';

// Building blocks shared by the event schemas. Messages are written for the person reading a dead-letter
// header, so they say what is expected rather than only what failed.

/** A non-empty identifier (account, activity, draw, prize ...). */
export const id = () => z.string().min(1, 'Expected a non-empty string');

/** Money as an integer amount in minor units (cents): never a float. */
export const moneyMinor = () => z.int().nonnegative();

/** ISO 4217 alphabetic code. Only the shape is checked: the list of codes changes, the pipeline need not. */
export const currency = () =>
  z.string().regex(/^[A-Z]{3}$/, 'Expected a 3-letter ISO 4217 currency code in capitals, e.g. EUR');

/** ISO-8601 / RFC 3339 date-time with seconds and an offset (`Z` or `±hh:mm`), so it names one instant. */
export const dateTime = () =>
  z.iso.datetime({
    offset: true,
    error: 'Expected an ISO-8601 date-time with offset, e.g. 2024-11-22T18:00:00+01:00',
  });

/**
 * A ticket: 128 bits written as a lowercase UUID, so string order is value order. Not `z.uuid()`: ticket bits
 * are random or an HMAC and carry no UUID version or variant.
 */
export const ticket = () =>
  z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'Expected a lowercase UUID string, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e',
    );

/** An email address. Normalizing it (case, dots, tags) is dedupe's job, not the contract's. */
export const email = () => z.email({ error: 'Expected an email address' });

/** A count of tickets, entrants, winners: a non-negative integer. */
export const count = () => z.int().nonnegative();

/** A prize as shown to a customer. */
export const prizeRef = () => z.object({ prizeId: id(), name: id() });

// Zone names found valid. Checking one builds an Intl formatter (~50 µs, most of validating a draw definition),
// and every definition on the topic repeats one of a handful of zones. Bounded: the names come from outside.
const knownTimeZones = new Set<string>();
const KNOWN_TIME_ZONES_MAX = 1_000;

/** Whether `timeZone` is an IANA zone name this runtime knows (`Europe/London`, `UTC`; not `+01:00`). */
export function isTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  // Intl also accepts offsets like "+01:00" on newer runtimes; those are not zones and have no DST rules.
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  if (knownTimeZones.size < KNOWN_TIME_ZONES_MAX) knownTimeZones.add(timeZone);
  return true;
}
