import { z } from 'zod';
import { id } from './common';

/**
 * `prizedraw.eppm-activity.v1` on `{dc}.{brand}.eppm.activity` (key = accountId): EPPM's verdict on a
 * customer's qualification for a promotion's week. `qualified: false` is what customers are told about
 * (seed 001, "Customer doesn't qualify for week one").
 */
export const eppmActivitySchema = z
  .object({
    accountId: id().describe('The customer; the record key.'),
    promoCode: id().describe('The promotion.'),
    activityId: id().describe('Unique per EPPM activity; a repeat is a duplicate.'),
    week: z.int().positive().default(1).describe('The week of the promotion the verdict is for; default 1.'),
    qualified: z.boolean().describe('false: the customer did not qualify for that week.'),
    reason: z.string().optional().describe('Why, when EPPM says (e.g. MIN_STAKE_NOT_MET).'),
  })
  .describe("EPPM's verdict on a customer's qualification for one week of a promotion.");

/**
 * `prizedraw.unqualification.v1` on `{brand}.relevant.unqualification.events` (key = accountId): a customer
 * did not qualify for a week of a promotion; notifications tells them.
 */
export const unqualificationSchema = z
  .object({
    accountId: id().describe('The customer; the record key.'),
    promoCode: id().describe('The promotion.'),
    week: z.int().positive().describe('The week the customer did not qualify for.'),
    reason: z.string().optional().describe('Why, when known.'),
    activityId: id().describe('The upstream activity the unqualification came from.'),
  })
  .describe('A customer did not qualify for a week of a promotion.');

/** Data of `prizedraw.eppm-activity.v1`. */
export type EppmActivity = z.output<typeof eppmActivitySchema>;
/** Data of `prizedraw.unqualification.v1`. */
export type Unqualification = z.output<typeof unqualificationSchema>;
