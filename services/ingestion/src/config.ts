import { baseConfigSchema } from '@prizedraw/service';
import type { z } from 'zod';

/** Ingestion's environment: the shared settings (contest entry settings arrive with the SCA work). */
export const ingestionConfigSchema = baseConfigSchema;

export type IngestionConfig = z.output<typeof ingestionConfigSchema>;
