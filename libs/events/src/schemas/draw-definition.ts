import { z } from 'zod';
import { dateTime, id, isTimeZone, moneyMinor, prizeRef } from './common';

const prize = z.object({
  prizeId: id().describe('Unique within the draw.'),
  name: id().describe('Name shown to the customer.'),
  quantity: z.int().positive().describe('How many of this prize are given, at least 1.'),
});

/**
 * `prizedraw.draw-defined.v1` on `{brand}.draw.definitions` (compacted, key = drawId): everything a draw
 * needs. A later definition of the same drawId replaces the earlier one.
 */
export const drawDefinedSchema = z
  .object({
    drawId: id().describe('Unique id of the draw; also the record key.'),
    promoCode: id().describe('The promotion whose activity earns tickets in this draw.'),
    opensAt: dateTime().describe('Activity from this instant on counts.'),
    closesAt: dateTime().describe('Activity before this instant counts; must be after opensAt.'),
    timezone: z
      .string()
      .refine(isTimeZone, 'Expected an IANA time zone name, e.g. Europe/London')
      .describe('IANA time zone of the draw periods and export file names, e.g. Europe/London.'),
    administrator: z.enum(['in-house', 'sca']).describe('Who administers the draw; sca draws are exported.'),
    stakePerTicketMinor: moneyMinor()
      .positive()
      .optional()
      .describe('Stake in minor units that earns one ticket; absent when stakes earn no tickets.'),
    maxWinsPerCustomer: z.int().positive().default(1).describe('How many prizes one customer may win.'),
    milestones: z
      .array(z.int().positive())
      .default([])
      .describe('Ticket counts at which a live count is flagged as a milestone.'),
    prizes: z
      .array(prize)
      .min(1, 'Expected at least one prize')
      .describe('Best prize first; the highest tickets win down this list.'),
    defaultPrize: prizeRef()
      .nullable()
      .describe('Given to every entrant once the prizes run out; null means "better luck next time".'),
    tags: z
      .array(z.string().min(1))
      .default([])
      .describe('Labels enrichment attaches to every activity of the draw.'),
    dedupeOnEmail: z
      .boolean()
      .default(false)
      .describe('Contest entries count once per normalized email (SCA dedupe_on_email).'),
    seedCommitment: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'Expected a lowercase hex sha256 (64 characters)')
      .optional()
      .describe('Lowercase hex sha256 of the draw seed, published before the draw so it can be verified.'),
  })
  .superRefine((draw, ctx) => {
    if (Date.parse(draw.closesAt) <= Date.parse(draw.opensAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'closesAt must be after opensAt' });
    }
    const seen = new Set<string>();
    draw.prizes.forEach((p, index) => {
      if (seen.has(p.prizeId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prizes', index, 'prizeId'],
          message: `Duplicate prizeId ${JSON.stringify(p.prizeId)}`,
        });
      }
      seen.add(p.prizeId);
    });
  })
  .describe('Everything a draw needs: when it is open, its prizes and rules.');

/** Data of `prizedraw.draw-defined.v1`, defaults filled in. */
export type DrawDefined = z.output<typeof drawDefinedSchema>;
