import type { WonCoupon } from '@prizedraw/events';
import type { Campaign, CouponType } from './campaign';

/** The coupon `code` of `type` as its winner is shown it. */
export function wonCoupon(campaign: Campaign, type: CouponType, code: string, expiresAt: Date): WonCoupon {
  return {
    code,
    couponTypeId: type.id,
    name: type.name,
    faceValueMinor: type.faceValueMinor,
    currency: campaign.currency,
    expiresAt: expiresAt.toISOString(),
  };
}
