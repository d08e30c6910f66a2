import { baseConfigSchema } from '@prizedraw/service';
import type { z } from 'zod';

/** Enrichment's environment: the shared settings only (the draw definitions come from their topic). */
export const enrichmentConfigSchema = baseConfigSchema;

export type EnrichmentConfig = z.output<typeof enrichmentConfigSchema>;
