import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * The draw service's environment: the shared settings and `PRIZE_DRAW_SLICE_SIZE`, the run entries one
 * transaction walks (default 20,000: larger slices draw faster, smaller ones redo less after a crash).
 */
export const prizeDrawConfigSchema = baseConfigSchema.extend({
  PRIZE_DRAW_SLICE_SIZE: z.coerce.number().int().positive().default(20_000),
});

export type PrizeDrawConfig = z.output<typeof prizeDrawConfigSchema>;
