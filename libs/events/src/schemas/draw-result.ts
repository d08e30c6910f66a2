import { z } from 'zod';
import { count, id, prizeRef, ticket } from './common';

/**
 * `prizedraw.draw-result.v1` on `{brand}.draw.results` (key = accountId): exactly one per entrant per draw,
 * winners and losers alike.
 */
export const drawResultSchema = z
  .object({
    drawId: id().describe('The draw.'),
    accountId: id().describe('The entrant (account id, or normalized email for contests); the record key.'),
    outcome: z.enum(['won', 'lost']).describe('Whether the entrant won a prize.'),
    prize: prizeRef().nullable().describe('The prize won, the default prize, or null.'),
    ticket: ticket().describe("The entrant's best ticket as a lowercase UUID (string order = value order)."),
    rank: z.int().positive().describe("Position of that ticket among the draw's tickets; 1 is the highest."),
    tickets: z.int().positive().describe('How many tickets the entrant held.'),
    excluded: z
      .literal(true)
      .optional()
      .describe('The entrant was excluded at draw time (customer exclusions): lost, whatever their ticket.'),
  })
  .superRefine((result, ctx) => {
    if (result.outcome === 'won' && result.prize === null) {
      ctx.addIssue({ code: 'custom', path: ['prize'], message: 'A won result must name its prize' });
    }
  })
  .describe('The result of a draw for one entrant: exactly one per entrant per draw.');

/** `prizedraw.draw-completed.v1` on `{brand}.draw.results`: one per draw, after every result. */
export const drawCompletedSchema = z
  .object({
    drawId: id().describe('The draw.'),
    entrants: count().describe('Number of entrants, each of whom got one result.'),
    tickets: count().describe('Number of tickets drawn.'),
    winners: count().describe('Number of results with outcome won.'),
    lateTickets: count().describe('Tickets that arrived after the draw was triggered and were not drawn.'),
    seed: id().optional().describe('The draw seed, revealed so it can be checked against seedCommitment.'),
  })
  .describe('A draw is complete: every entrant has had a result.');

/** Data of `prizedraw.draw-result.v1`. */
export type DrawResult = z.output<typeof drawResultSchema>;
/** Data of `prizedraw.draw-completed.v1`. */
export type DrawCompleted = z.output<typeof drawCompletedSchema>;
