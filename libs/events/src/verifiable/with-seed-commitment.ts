import type { DrawDefined } from '../schemas/draw-definition';
import { seedCommitmentOf } from './draw-scheme';
import type { SeedDirectory } from './seed-directory';

/**
 * The in-house draw with its `seedCommitment`: sha256 of its seed in the seed directory, created there once
 * (defining the draw again keeps seed and commitment). A commitment the draw already names must be that one.
 * Used by `prizedraw draws define` and the console's define.
 *
 * @throws Error naming the draw when its seedCommitment differs from its seed's.
 */
export async function withSeedCommitment(draw: DrawDefined, seeds: SeedDirectory): Promise<DrawDefined> {
  if (draw.administrator !== 'in-house') return draw;
  const seedCommitment = seedCommitmentOf(await seeds.readOrCreate(draw.drawId));
  if (draw.seedCommitment !== undefined && draw.seedCommitment !== seedCommitment)
    throw new Error(`${draw.drawId}: seedCommitment differs from the commitment of its seed in SEED_DIR`);
  return { ...draw, seedCommitment };
}
