import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * The draw service's environment: the shared settings, `PRIZE_DRAW_SLICE_SIZE`, the run entries one
 * transaction walks (default 20,000: larger slices draw faster, smaller ones redo less after a crash),
 * `PRIZE_DRAW_FAN_OUT` (`true`: results go in chunks to the draw-results service, which must run too; default
 * `false`) and `SEED_DIR`, the directory of draw seeds it reveals in the draw records (docs/verifiable-draws.md).
 */
export const prizeDrawConfigSchema = baseConfigSchema.extend({
  PRIZE_DRAW_SLICE_SIZE: z.coerce.number().int().positive().default(20_000),
  PRIZE_DRAW_FAN_OUT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  SEED_DIR: z.string().min(1, 'Expected a directory path').optional(),
});

export type PrizeDrawConfig = z.output<typeof prizeDrawConfigSchema>;
