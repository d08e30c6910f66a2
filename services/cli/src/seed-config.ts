import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * The settings of the CLI's draw commands: the shared ones and `SEED_DIR`, the directory of draw seeds that
 * `draws define` creates and the wallet and the draw service read (docs/verifiable-draws.md).
 */
export const seedConfigSchema = baseConfigSchema.extend({
  SEED_DIR: z.string().min(1, 'Expected a directory path').optional(),
});

export type SeedConfig = z.output<typeof seedConfigSchema>;
