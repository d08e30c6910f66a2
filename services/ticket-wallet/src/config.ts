import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * The wallet's environment: the shared settings (live counts are served on `HTTP_PORT`) and `SEED_DIR`, the
 * directory of draw seeds (docs/verifiable-draws.md): a draw with a seed there gets derived tickets, the
 * others random ones. Unset: every draw gets random tickets.
 */
export const ticketWalletConfigSchema = baseConfigSchema.extend({
  SEED_DIR: z.string().min(1, 'Expected a directory path').optional(),
});

export type TicketWalletConfig = z.output<typeof ticketWalletConfigSchema>;
