// Runs the ticket-rules service on its own: `node services/ticket-rules/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { ticketRulesConfigSchema, ticketRulesService } from './index';

runMain(ticketRulesConfigSchema, () => [ticketRulesService()]);
