import type { NewCampaign } from '../../src/api-schemas';

/** A campaign open all of 2026 in Europe/London with one coupon type that every draw wins, with `overrides`. */
export function buildCampaign(overrides: Partial<NewCampaign> = {}): NewCampaign {
  return {
    name: 'Spring lucky draw',
    opensAt: '2026-01-01T00:00:00Z',
    closesAt: '2027-01-01T00:00:00Z',
    timeZone: 'Europe/London',
    currency: 'USD',
    couponTypes: [
      {
        name: '$5 Cash Coupon',
        faceValueMinor: 500,
        probability: 1,
        totalQuota: 10,
        dailyQuota: 10,
        redeemableForDays: 30,
      },
    ],
    ...overrides,
  };
}

let sequence = 0;

/** A valid UK mobile number, different on each call. */
export function buildPhone(): string {
  sequence += 1;
  return `+447911${String(sequence % 1_000_000).padStart(6, '0')}`;
}
