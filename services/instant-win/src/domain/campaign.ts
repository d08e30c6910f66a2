/** A coupon type of a campaign, as stored (quotas as configured, not what remains). */
export interface CouponType {
  readonly id: string;
  readonly name: string;
  readonly faceValueMinor: number;
  /** Chance of a draw falling on this type, in parts per billion. */
  readonly probabilityPpb: number;
  readonly totalQuota: number;
  readonly dailyQuota: number;
  readonly redeemableForDays: number;
}

/** A campaign and its coupon types, best first. */
export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
  /** IANA zone whose local days the daily limit and daily quotas count. */
  readonly timeZone: string;
  readonly currency: string;
  /** Set when an operator closed the campaign early. */
  readonly closedAt: Date | null;
  readonly couponTypes: readonly CouponType[];
}

/** Where a campaign stands at an instant. */
export type CampaignStatus = 'scheduled' | 'open' | 'closed';

/** Draws are accepted from `opensAt` (inclusive) until `closesAt` or an early close, whichever comes first. */
export function campaignStatus(campaign: Campaign, now: Date): CampaignStatus {
  const end =
    campaign.closedAt !== null && campaign.closedAt < campaign.closesAt
      ? campaign.closedAt
      : campaign.closesAt;
  if (now >= end) return 'closed';
  return now < campaign.opensAt ? 'scheduled' : 'open';
}
