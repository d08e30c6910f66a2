import { type DrawRecord, seedCommitmentOf } from '@prizedraw/events';

/** What the console shows of a completed draw's record (`{brand}.draw.records`). */
export interface DrawVerification {
  readonly verifiable: boolean;
  /** Why the draw is not verifiable, when it is not. */
  readonly reason: string | null;
  /** Whether sha256 of the revealed seed is the commitment of the definition; null when there is no seed. */
  readonly seedMatchesCommitment: boolean | null;
  readonly seedCommitment: string | null;
  readonly entriesRoot: string;
  readonly resultsHash: string;
  readonly completedAt: string;
}

/**
 * The record's verification facts. Only the seed is checked here (one hash); recomputing every ticket and
 * winner needs the entries and results, which is `prizedraw verify`'s job.
 */
export function verificationOf(record: DrawRecord): DrawVerification {
  const commitment = record.definition.seedCommitment ?? null;
  return {
    verifiable: record.verifiable,
    reason: record.reason ?? null,
    seedMatchesCommitment:
      record.seed === undefined || commitment === null
        ? null
        : seedCommitmentOf(Buffer.from(record.seed, 'hex')) === commitment,
    seedCommitment: commitment,
    entriesRoot: record.entriesRoot,
    resultsHash: record.resultsHash,
    completedAt: record.completedAt,
  };
}
