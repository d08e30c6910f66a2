import { createHash } from 'node:crypto';
import type { DrawDefined } from '@prizedraw/events';
import { type DefinitionsTopic, startDefinitionsIndex } from '@prizedraw/service';

/** What the contest sync knows of the definitions topic: whether it has a draw's definition exactly. */
export interface DefinitionDigests {
  /** Whether the topic's definition of `draw.drawId` is `draw`, the same JSON. */
  has(draw: DrawDefined): boolean;
}

/** sha256 of a definition's JSON: what the sync compares. */
const digestOf = (draw: DrawDefined) => createHash('sha256').update(JSON.stringify(draw)).digest('base64url');

/**
 * Follows the definitions topic keeping one digest per draw rather than the draw: the sync only asks whether
 * a definition it built is there already. Decoded, a definition took ~880 bytes with its indexes (~360 since
 * the table shares their repeated values), and 2,000 daily and weekly contests make some 130,000 of them
 * (~114 MiB, over the scheduler's 96 MB heap); a digest is 43 characters. Resolves once it has caught up with
 * the topic.
 */
export async function startDefinitionDigests(topic: DefinitionsTopic) {
  const { index, close } = await startDefinitionsIndex(topic, digestOf);
  const digests: DefinitionDigests = { has: (draw) => index.get(draw.drawId) === digestOf(draw) };
  return { digests, close };
}
