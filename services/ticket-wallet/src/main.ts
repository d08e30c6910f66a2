// Runs the ticket wallet on its own: `node services/ticket-wallet/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { ticketWalletConfigSchema, ticketWalletService } from './index';

runMain(ticketWalletConfigSchema, (config) => [ticketWalletService(config)]);
