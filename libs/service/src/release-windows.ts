import type { DrawDefined } from '@prizedraw/events';

/** A span of one promotion's activity, [opensAt, closesAt) in epoch ms. */
export interface PromoWindow {
  promoCode: string;
  opensAt: number;
  closesAt: number;
}

/**
 * The spans of activity the draws may count, per promotion, overlapping or touching windows merged: what a
 * parking lot walks to release records after the draws were defined. A fresh lot looks at every draw of the
 * table, and a contest's consecutive periods (hundreds a year) then make one walk instead of one each: an
 * empty walk of the store still costs ~70 µs.
 */
export function releaseWindows(draws: readonly DrawDefined[]): PromoWindow[] {
  const windows = draws
    .map((draw) => ({
      promoCode: draw.promoCode,
      opensAt: Date.parse(draw.opensAt),
      closesAt: Date.parse(draw.closesAt),
    }))
    .sort((a, b) => (a.promoCode < b.promoCode ? -1 : a.promoCode > b.promoCode ? 1 : a.opensAt - b.opensAt));
  const merged: PromoWindow[] = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last?.promoCode === window.promoCode && window.opensAt <= last.closesAt) {
      last.closesAt = Math.max(last.closesAt, window.closesAt);
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}
