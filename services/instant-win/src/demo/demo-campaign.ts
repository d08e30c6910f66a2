import type { NewCampaign } from '../api-schemas';

/**
 * The demo's campaign, open for a day from `now`: three coupon types whose daily quotas the first two will
 * run out of with a few thousand customers (so the demo shows exhausted quotas turning wins into "no
 * coupon"), and one plentiful type.
 */
export function demoCampaign(now: Date, name: string): NewCampaign {
  return {
    name,
    opensAt: new Date(now.getTime() - 60_000).toISOString(),
    closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    timeZone: 'Europe/London',
    currency: 'USD',
    couponTypes: [
      {
        name: '$5 Cash Coupon',
        faceValueMinor: 500,
        probability: 0.02,
        totalQuota: 60,
        dailyQuota: 20,
        redeemableForDays: 30,
      },
      {
        name: '$2 Cash Coupon',
        faceValueMinor: 200,
        probability: 0.1,
        totalQuota: 1_000,
        dailyQuota: 150,
        redeemableForDays: 30,
      },
      {
        name: 'Buy 1 get 1 free',
        faceValueMinor: 0,
        probability: 0.25,
        totalQuota: 1_000_000,
        dailyQuota: 1_000_000,
        redeemableForDays: 7,
      },
    ],
  };
}
