import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * The draw service's environment: the shared settings, `PRIZE_DRAW_SLICE_SIZE`, the run entries one
 * transaction walks (default 20,000: larger slices draw faster, smaller ones redo less after a crash), and
 * `SEED_DIR`, the directory of draw seeds it reveals in the draw records (docs/verifiable-draws.md).
 */
export const prizeDrawConfigSchema = baseConfigSchema.extend({
  PRIZE_DRAW_SLICE_SIZE: z.coerce.number().int().positive().default(20_000),
  SEED_DIR: z.string().min(1, 'Expected a directory path').optional(),
});

export type PrizeDrawConfig = z.output<typeof prizeDrawConfigSchema>;
