import { baseConfigSchema, parkingConfigSchema } from '@prizedraw/service';
import type { z } from 'zod';

/**
 * Enrichment's environment: the shared settings and the parking of activity whose draw definition has not
 * reached this process yet (`PARKING_RETENTION_MS`, `DEFINITION_WAIT_MS`); the definitions come from their
 * topic.
 */
export const enrichmentConfigSchema = baseConfigSchema.extend(parkingConfigSchema.shape);

export type EnrichmentConfig = z.output<typeof enrichmentConfigSchema>;
