import { randomInt } from 'node:crypto';

/**
 * Probabilities are integers in parts per billion: fine enough for any odds a campaign states with up to nine
 * decimals, and a range `crypto.randomInt` draws from without bias (it rejects out-of-range samples).
 */
export const PROBABILITY_SCALE = 1_000_000_000;

/** A coupon type as the sampler sees it. */
export interface Odds {
  readonly id: string;
  /** Chance of this type in parts per {@link PROBABILITY_SCALE}. */
  readonly probabilityPpb: number;
}

/** A uniform integer in `[0, max)`; the default is node:crypto's CSPRNG. */
export type RandomBelow = (max: number) => number;

const cryptoRandomBelow: RandomBelow = (max) => randomInt(max);

/**
 * Samples one draw: the id of the coupon type it falls on, or `null` for "no coupon" (the rest of the scale
 * when the probabilities sum to less than 1). Pure apart from `randomBelow`. Quotas play no part: a type
 * whose quota is exhausted is still sampled with its own probability and the draw then gets no coupon, so
 * the other types' chances stay as configured (the seed's rule).
 */
export function sampleCouponType(
  odds: readonly Odds[],
  randomBelow: RandomBelow = cryptoRandomBelow,
): string | null {
  const point = randomBelow(PROBABILITY_SCALE);
  let upper = 0;
  for (const type of odds) {
    upper += type.probabilityPpb;
    if (point < upper) return type.id;
  }
  return null;
}

/** A probability in [0, 1] on the sampler's integer scale, rounded to the nearest part per billion. */
export function toPartsPerBillion(probability: number): number {
  return Math.round(probability * PROBABILITY_SCALE);
}
