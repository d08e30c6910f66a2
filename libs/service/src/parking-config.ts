import { z } from 'zod';

/**
 * Settings of the stages that park activity matching no known draw (ingestion, enrichment); services extend
 * their schema with its shape.
 */
export const parkingConfigSchema = z.object({
  /** How long parked activity waits for a draw definition before it expires, ms (default 8 days). */
  PARKING_RETENTION_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 24 * 60 * 60_000),
  /**
   * How long a trigger or marker waits for its draw's definition to reach this process's table, ms. The task
   * sends no heartbeat meanwhile, so it stays well below the session timeout (6 s at the least).
   */
  DEFINITION_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(3_000),
});

export type ParkingConfig = z.output<typeof parkingConfigSchema>;
