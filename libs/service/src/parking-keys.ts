// Key layout of a parking store. Every part a user chose is URI-encoded, so `/` only ever separates parts,
// and times are zero-padded epoch milliseconds, so ASCII order is time order:
//   p/<promo>/<occurredAt>/<sequence>              Parked   a record waiting for a draw of its promo
//   x/<expiresAt>/<promo>/<occurredAt>/<sequence>  p-key    expiry index, in time order
// A draw's records are then exactly the range [p/<promo>/<opensAt>/, p/<promo>/<closesAt>/).

const part = encodeURIComponent;
const TIME_DIGITS = 15; // epoch milliseconds up to the year 33658
const EXPIRY_PREFIX = 'x/';

function padTime(ms: number): string {
  return String(Math.max(0, Math.trunc(ms))).padStart(TIME_DIGITS, '0');
}

/** Where a record waits: its promotion, when it happened, and its place in the input partition. */
export interface ParkingSlot {
  readonly promoCode: string;
  /** Epoch milliseconds. */
  readonly occurredAt: number;
  /** Unique within the partition and ascending in arrival order: the input offset. */
  readonly sequence: string;
}

/** The key of a parked record. */
export function parkedKey({ promoCode, occurredAt, sequence }: ParkingSlot): string {
  return `p/${part(promoCode)}/${padTime(occurredAt)}/${sequence.padStart(20, '0')}`;
}

/** The parked records a draw of `promoCode` open over [opensAt, closesAt) may count. */
export function parkedRange(
  promoCode: string,
  opensAt: number,
  closesAt: number,
): { gte: string; lt: string } {
  return {
    gte: `p/${part(promoCode)}/${padTime(opensAt)}/`,
    lt: `p/${part(promoCode)}/${padTime(closesAt)}/`,
  };
}

/** The record's place in the expiry index. */
export function parkingExpiryKey(expiresAt: number, parked: string): string {
  return `${EXPIRY_PREFIX}${padTime(expiresAt)}/${parked.slice(2)}`;
}

/** Bounds of the expiry index entries due at `now` (expiresAt ≤ now). */
export function parkingExpiredRange(now: number): { gte: string; lt: string } {
  return { gte: EXPIRY_PREFIX, lt: `${EXPIRY_PREFIX}${padTime(now + 1)}` };
}
