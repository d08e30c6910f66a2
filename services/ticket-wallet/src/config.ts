import { baseConfigSchema } from '@prizedraw/service';
import type { z } from 'zod';

/** The wallet's environment: the shared settings only (live counts are served on `HTTP_PORT`). */
export const ticketWalletConfigSchema = baseConfigSchema;

export type TicketWalletConfig = z.output<typeof ticketWalletConfigSchema>;
