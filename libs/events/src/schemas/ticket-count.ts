import { z } from 'zod';
import { count, id } from './common';

/** `prizedraw.ticket-count.v1` on `{brand}.ticket.updates`: a customer's live ticket count for a draw. */
export const ticketCountSchema = z
  .object({
    drawId: id().describe('The draw.'),
    accountId: id().describe('The customer; also the record key.'),
    tickets: count().describe("The customer's ticket count in the draw so far."),
    milestone: z.boolean().describe("True when tickets is one of the draw's milestones."),
  })
  .describe("A customer's live ticket count in a draw.");

/** Data of `prizedraw.ticket-count.v1`. */
export type TicketCount = z.output<typeof ticketCountSchema>;
