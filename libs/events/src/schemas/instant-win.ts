import { z } from 'zod';
import { currency, dateTime, id, moneyMinor } from './common';

/**
 * A campaign-local calendar date, `YYYY-MM-DD`. A pattern, not JSON Schema's `format: date`, which the schema
 * registry's validator does not know.
 */
const localDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a calendar date YYYY-MM-DD, e.g. 2026-03-29')
    .refine((text) => {
      const time = Date.parse(`${text}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
    }, 'Expected a calendar date YYYY-MM-DD, e.g. 2026-03-29');

/** A coupon code: 128 random bits in unpadded RFC 4648 base32 (26 characters A-Z, 2-7). */
export const couponCode = () =>
  z.string().regex(/^[A-Z2-7]{26}$/, 'Expected a coupon code of 26 characters A-Z and 2-7');

/** A coupon won in an instant-win draw, as its winner is shown it. */
export const wonCouponSchema = z
  .object({
    code: couponCode().describe('The coupon code: what the customer redeems.'),
    couponTypeId: id().describe('The coupon type won.'),
    name: id().describe("The coupon type's name, e.g. $5 Cash Coupon."),
    faceValueMinor: moneyMinor().describe('Face value in minor units of currency; 0 for a non-cash coupon.'),
    currency: currency().describe("The campaign's currency."),
    expiresAt: dateTime().describe('The coupon can be redeemed before this instant.'),
  })
  .describe('A coupon won by a draw.');

/**
 * `prizedraw.instant-win-drawn.v1` on `{brand}.instant-win.events` (key = customerId): one per committed
 * draw of an instant-win campaign, won or not. Also the body of the draw API's answers.
 */
export const instantWinDrawnSchema = z
  .object({
    drawId: id().describe('The draw.'),
    campaignId: id().describe('The campaign.'),
    customerId: id().describe('The customer who drew; the record key.'),
    localDate: localDate().describe(
      'The campaign-local day of the draw: a customer draws once per such day.',
    ),
    drawnAt: dateTime().describe('When the draw was recorded.'),
    outcome: z
      .enum(['won', 'no-coupon'])
      .describe(
        'won: a coupon was issued. no-coupon: the draw fell on no type, or on one whose quota was exhausted.',
      ),
    coupon: wonCouponSchema.nullable().describe('The coupon won; null for no-coupon.'),
  })
  .superRefine((draw, ctx) => {
    if ((draw.outcome === 'won') !== (draw.coupon !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['coupon'],
        message: 'A won draw has a coupon, a no-coupon draw none',
      });
    }
  })
  .describe('The outcome of one instant-win draw.');

/** `prizedraw.instant-win-coupon-redeemed.v1` on `{brand}.instant-win.events` (key = customerId). */
export const couponRedeemedSchema = z
  .object({
    code: couponCode().describe('The coupon redeemed.'),
    campaignId: id().describe('The campaign.'),
    couponTypeId: id().describe('Its coupon type.'),
    drawId: id().describe('The draw that won it.'),
    customerId: id().describe('Its owner; the record key.'),
    faceValueMinor: moneyMinor().describe('Face value in minor units of currency.'),
    currency: currency().describe("The campaign's currency."),
    redeemedAt: dateTime().describe('When it was redeemed.'),
  })
  .describe('A coupon was redeemed (once: a coupon is redeemed at most once).');

/** Data of `prizedraw.instant-win-drawn.v1`. */
export type InstantWinDrawn = z.output<typeof instantWinDrawnSchema>;
/** A coupon as it appears in {@link InstantWinDrawn}. */
export type WonCoupon = z.output<typeof wonCouponSchema>;
/** Data of `prizedraw.instant-win-coupon-redeemed.v1`. */
export type CouponRedeemed = z.output<typeof couponRedeemedSchema>;
