import { couponCode, instantWinDrawnSchema, isTimeZone } from '@prizedraw/events';
import { z } from 'zod';
import { toE164 } from './domain/phone-number';
import { PROBABILITY_SCALE, toPartsPerBillion } from './domain/sample-coupon-type';

// The request and response bodies of the instant-win API: the routes validate with them and the OpenAPI
// document is generated from them, so each field's rule and description is written once, here.

const instant = () =>
  z.iso.datetime({
    offset: true,
    error: 'Expected an ISO-8601 date-time with offset, e.g. 2026-03-01T00:00:00Z',
  });
const name = () =>
  z.string().trim().min(1, 'Expected a non-empty name').max(200, 'Expected at most 200 characters');
const quota = () => z.int().min(0).max(4_294_967_295);

/** `POST /v1/customers`. */
export const newCustomerSchema = z.object({
  phone: z
    .string()
    .min(1)
    .max(40)
    // abort: a number not in this shape gets this one issue, not also the next one's.
    .regex(/^\+[0-9 ()./-]+$/, {
      message: 'Expected + and the country code, then digits, spaces, dots, dashes or brackets',
      abort: true,
    })
    .refine(
      (phone) => toE164(phone) !== undefined,
      'Expected a valid phone number with its country code, e.g. +447911123456',
    )
    .describe('Mobile phone number in international format (+ and country code); stored in E.164.'),
  accountId: z
    .string()
    .regex(/^[A-Za-z0-9._:@-]{1,64}$/, 'Expected 1-64 letters, digits or . _ : @ -')
    .optional()
    .describe("The operator's own account id for this customer; a new id is made when absent."),
});

/** A registered customer. */
export const customerSchema = z.object({
  customerId: z.string().describe('The customer id: the subject of their bearer tokens.'),
  phone: z.string().describe('The phone number in E.164.'),
});

const newCouponTypeSchema = z.object({
  name: name().describe('e.g. $5 Cash Coupon'),
  faceValueMinor: z
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe(
      'Face value in minor units of the currency; 0 for a coupon without one (buy one get one free).',
    ),
  probability: z
    .number()
    .min(0)
    .max(1)
    .describe('Chance of a draw winning this type, 0 to 1 (counted in parts per billion).'),
  totalQuota: quota().describe('How many coupons of this type the campaign gives at most.'),
  dailyQuota: quota().describe('How many of them it gives at most per campaign-local day.'),
  redeemableForDays: z
    .int()
    .min(1)
    .max(3650)
    .describe('A coupon can be redeemed for this many days after the draw.'),
});

/** `POST /v1/campaigns`. */
export const newCampaignSchema = z
  .object({
    name: name(),
    opensAt: instant().describe('Draws are accepted from this instant on.'),
    closesAt: instant().describe('Draws are accepted before this instant; must be after opensAt.'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'Expected an IANA time zone name, e.g. Europe/London')
      .describe(
        "IANA zone: the daily limit and the daily quotas count this zone's days, from local midnight.",
      ),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Expected a 3-letter ISO 4217 currency code in capitals, e.g. USD'),
    couponTypes: z
      .array(newCouponTypeSchema)
      .min(1, 'Expected at least one coupon type')
      .max(50, 'Expected at most 50 coupon types')
      .describe(
        'The prizes, each with its odds and quotas; the odds sum to at most 1, the rest is no coupon.',
      ),
  })
  .superRefine((campaign, ctx) => {
    if (Date.parse(campaign.closesAt) <= Date.parse(campaign.opensAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Expected closesAt after opensAt' });
    }
    const total = campaign.couponTypes.reduce((sum, type) => sum + toPartsPerBillion(type.probability), 0);
    if (total > PROBABILITY_SCALE) {
      ctx.addIssue({
        code: 'custom',
        path: ['couponTypes'],
        message: `Expected probabilities summing to at most 1, got ${total / PROBABILITY_SCALE}`,
      });
    }
  });

/** A coupon type with what remains of its quotas. */
export const couponTypeViewSchema = newCouponTypeSchema.extend({
  couponTypeId: z.string(),
  remaining: quota().describe('Coupons of this type still to give.'),
  dailyRemaining: quota().describe("Coupons of this type still to give today (the campaign's local day)."),
});

/** `GET /v1/campaigns/{id}` and the answers of create and close. */
export const campaignViewSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  closedAt: z.string().nullable().describe('When an operator closed it early; null otherwise.'),
  status: z.enum(['scheduled', 'open', 'closed']),
  localDate: z.string().describe("Today in the campaign's zone: the day dailyRemaining counts."),
  couponTypes: z.array(couponTypeViewSchema),
});

/** The answer of a draw (201), or of a second draw the same day (409, under `earlierDraw`). */
export const drawSchema = instantWinDrawnSchema;

/** `POST /v1/coupons/{code}/redeem`. */
export const redemptionSchema = z.object({
  code: couponCode(),
  couponTypeId: z.string(),
  name: z.string(),
  faceValueMinor: z.int(),
  currency: z.string(),
  redeemedAt: z.string(),
});

/** The path parameter of a coupon. */
export const couponCodeParamsSchema = z.object({ code: couponCode() });

/** The path parameter of a campaign. */
export const campaignParamsSchema = z.object({ id: z.uuid({ error: 'Expected a campaign id (a UUID)' }) });

export type NewCustomer = z.output<typeof newCustomerSchema>;
export type CustomerView = z.output<typeof customerSchema>;
export type NewCampaign = z.output<typeof newCampaignSchema>;
export type CampaignView = z.output<typeof campaignViewSchema>;
export type Redemption = z.output<typeof redemptionSchema>;
