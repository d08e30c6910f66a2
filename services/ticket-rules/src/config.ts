import { baseConfigSchema } from '@prizedraw/service';
import type { z } from 'zod';

/** Ticket-rules' environment: the shared settings only (the rules travel with each enriched event). */
export const ticketRulesConfigSchema = baseConfigSchema;

export type TicketRulesConfig = z.output<typeof ticketRulesConfigSchema>;
