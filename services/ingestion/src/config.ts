import { baseConfigSchema, parkingConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * Ingestion's environment: the shared settings, the parking of activity that comes before its draw
 * (`PARKING_RETENTION_MS`, `DEFINITION_WAIT_MS`), and the compliance database whose `user_details` entries
 * it reads incrementally (the reader is off when MYSQL_URL is unset).
 */
export const ingestionConfigSchema = baseConfigSchema.extend(parkingConfigSchema.shape).extend({
  MYSQL_URL: z
    .string()
    .regex(/^mysql:\/\//, 'Expected mysql://user:password@host:port/database')
    .optional(),
  /** Pause between two polls of `user_details` that found nothing new, ms. */
  USER_DETAILS_POLL_MS: z.coerce.number().int().positive().default(5_000),
  /** Rows read and produced per step of the reader. */
  USER_DETAILS_BATCH: z.coerce.number().int().positive().max(10_000).default(500),
});

export type IngestionConfig = z.output<typeof ingestionConfigSchema>;
