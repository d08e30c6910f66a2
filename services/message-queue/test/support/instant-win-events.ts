import type { CouponRedeemed, InstantWinDrawn } from '@prizedraw/events';

// Instant-win events as the outbox relay publishes them, for the redemption tests.

/** A coupon that expires 30 days from now. */
const couponOf = () => ({
  code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  couponTypeId: 'five',
  name: '$5 Cash Coupon',
  faceValueMinor: 500,
  currency: 'USD',
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});

/** `customerId`'s draw `drawId`, won unless `won` is false; its coupon expires at `expiresAt` (default in 30 days). */
export function buildDrawn(
  drawId: string,
  customerId: string,
  { won = true, expiresAt }: { won?: boolean; expiresAt?: string } = {},
): InstantWinDrawn {
  return {
    drawId,
    campaignId: 'spring',
    customerId,
    localDate: '2026-03-29',
    drawnAt: new Date().toISOString(),
    outcome: won ? 'won' : 'no-coupon',
    coupon: won ? { ...couponOf(), ...(expiresAt && { expiresAt }) } : null,
  };
}

/** The redemption of the coupon of `customerId`'s draw `drawId`. */
export function buildRedeemed(drawId: string, customerId: string): CouponRedeemed {
  const { name: _, expiresAt: __, ...coupon } = couponOf();
  return { ...coupon, campaignId: 'spring', drawId, customerId, redeemedAt: new Date().toISOString() };
}
