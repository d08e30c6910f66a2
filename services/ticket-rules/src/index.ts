/**
 * @prizedraw/ticket-rules — the ticket rule engine: stake accumulates per customer and draw and every
 * `stakePerTicketMinor` crossed grants a ticket (remainder carried); awards grant their tickets, entries one.
 * Each grant goes to the wallet on `tickets` (with the draw markers, in order) and the customer's new count to
 * `ticketUpdates`, flagged when it reached one of the draw's milestones.
 *
 * ```ts
 * await runServices([ticketRulesService()], parseConfig(ticketRulesConfigSchema));
 * ```
 */
import { type StageService, stageService } from '@prizedraw/service';
import { ticketRulesTopology } from './topology';

export { type TicketRulesConfig, ticketRulesConfigSchema } from './config';
export type { TicketTotals } from './processors/ticket-totals';
export {
  TICKET_RULES_STAGE,
  type TicketRulesTopologyOptions,
  TOTALS_STORE,
  ticketRulesTopology,
} from './topology';

/** The ticket-rules service: relevant activity → ticket grants and live counts. */
export function ticketRulesService(): StageService {
  return stageService({
    name: 'ticket-rules',
    topology: ({ topics, dataCodec }) => ticketRulesTopology({ topics, dataCodec }),
  });
}
