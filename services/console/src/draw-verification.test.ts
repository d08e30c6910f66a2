import { createHash } from 'node:crypto';
import type { DrawRecord } from '@prizedraw/events';
import { verificationOf } from './draw-verification';

const seed = 'ab'.repeat(32);
const commitment = createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
const record = (overrides: Partial<DrawRecord>, seedCommitment?: string) =>
  ({
    verifiable: true,
    seed,
    definition: { seedCommitment },
    entriesRoot: 'e'.repeat(64),
    resultsHash: 'r'.repeat(64),
    completedAt: '2026-12-24T18:00:10Z',
    ...overrides,
  }) as DrawRecord;

describe('verificationOf', () => {
  it('when the revealed seed hashes to the commitment, then it matches', () => {
    expect(verificationOf(record({}, commitment)).seedMatchesCommitment).toBe(true);
  });

  it('when the revealed seed hashes to something else, then it does not match', () => {
    expect(verificationOf(record({}, 'f'.repeat(64))).seedMatchesCommitment).toBe(false);
  });

  it('when the draw committed to no seed, then there is nothing to match and the reason is kept', () => {
    const shown = verificationOf(
      record({ verifiable: false, seed: undefined, reason: 'no seed commitment' }),
    );
    expect([shown.verifiable, shown.seedMatchesCommitment, shown.reason]).toEqual([
      false,
      null,
      'no seed commitment',
    ]);
  });
});
