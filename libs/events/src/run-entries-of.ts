import type { RunChunk, RunEntry } from './schemas/pipeline';

/** A run chunk's entries one by one, each with the run's draw, partition and its own position. */
export function runEntriesOf({ drawId, partition, firstSeq, entries }: RunChunk): RunEntry[] {
  return entries.map((entry, i) => ({ drawId, partition, seq: firstSeq + i, ...entry }));
}
