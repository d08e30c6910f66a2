import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * Dedupe's environment: the shared settings, `DEDUPE_RETENTION_MS`, how long after a draw's closesAt its
 * seen marks are kept (default 24 h, so repeats delivered late are still recognised), and
 * `DEDUPE_UNQUALIFICATION_TAG`, the draw tag whose activity is an unqualification (the seed's TIM_FILTER_TAG).
 */
export const dedupeConfigSchema = baseConfigSchema.extend({
  DEDUPE_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 60 * 60_000),
  DEDUPE_UNQUALIFICATION_TAG: z.string().min(1).default('unqualification'),
});

export type DedupeConfig = z.output<typeof dedupeConfigSchema>;
