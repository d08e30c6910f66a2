import type { EnrichedActivity } from '@prizedraw/events';

// Key layout of the `seen` store. Every part a user chose is URI-encoded, so `/` only ever separates parts
// and a draw's keys are exactly the range [`d/<draw>/`, `d/<draw>0`) ('0' is the character after '/').
//   d/<draw>/<kind>/<customer>/<activityId>  1             an activity already passed
//   d/<draw>/email/<normalized email>         1             an entry of this email already passed
//   i/<draw>                                  DrawSeenIndex  closesAt, expiresAt, drop counts
//   x/<expiresAt, 15 digits>/<draw>           1             expiry index, in time order

const part = encodeURIComponent;
const EXPIRY_PREFIX = 'x/';
const EXPIRY_DIGITS = 15; // epoch milliseconds up to the year 33658

function padTime(ms: number): string {
  return String(Math.max(0, Math.trunc(ms))).padStart(EXPIRY_DIGITS, '0');
}

/** Seen mark of an activity in a draw: same draw, kind, customer and activity id = a repeat. */
export function activitySeenKey(
  activity: Pick<EnrichedActivity, 'drawId' | 'kind' | 'customerId' | 'activityId'>,
): string {
  const { drawId, kind, customerId, activityId } = activity;
  return `d/${part(drawId)}/${kind}/${part(customerId)}/${part(activityId)}`;
}

/** Seen mark of an email in a draw that takes one entry per email. */
export function emailSeenKey(drawId: string, normalizedEmail: string): string {
  return `d/${part(drawId)}/email/${part(normalizedEmail)}`;
}

/** Bounds of every seen mark of one draw. */
export function drawSeenRange(drawId: string): { gte: string; lt: string } {
  return { gte: `d/${part(drawId)}/`, lt: `d/${part(drawId)}0` };
}

/** The draw's entry in the per-draw index. */
export function drawIndexKey(drawId: string): string {
  return `i/${part(drawId)}`;
}

/** The draw's place in the expiry index, ordered by when its seen marks expire. */
export function expiryKey(expiresAt: number, drawId: string): string {
  return `${EXPIRY_PREFIX}${padTime(expiresAt)}/${part(drawId)}`;
}

/** Bounds of the expiry index entries due at `now` (expiresAt ≤ now). */
export function expiredRange(now: number): { gte: string; lt: string } {
  return { gte: EXPIRY_PREFIX, lt: `${EXPIRY_PREFIX}${padTime(now + 1)}` };
}

/** The draw id an {@link expiryKey} names. */
export function drawIdOfExpiryKey(key: string): string {
  return decodeURIComponent(key.slice(EXPIRY_PREFIX.length + EXPIRY_DIGITS + 1));
}
