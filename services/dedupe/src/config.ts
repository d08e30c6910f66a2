import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * Dedupe's environment: the shared settings and `DEDUPE_RETENTION_MS`, how long after a draw's closesAt its
 * seen marks are kept (default 24 h, so repeats delivered late are still recognised).
 */
export const dedupeConfigSchema = baseConfigSchema.extend({
  DEDUPE_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 60 * 60_000),
});

export type DedupeConfig = z.output<typeof dedupeConfigSchema>;
