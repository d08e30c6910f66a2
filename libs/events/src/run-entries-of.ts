import type { RunChunk, RunEntry } from './schemas/pipeline';

/** A run chunk's entries one by one, each with the run's draw, partition and its own position. */
export function runEntriesOf({ drawId, partition, firstSeq, entries }: RunChunk): RunEntry[] {
  return entries.map((entry, i) => ({ drawId, partition, seq: firstSeq + i, ...entry }));
}

/** Consecutive run entries of one partition (at least one) as the run chunk that carries them. */
export function runChunkOf(entries: readonly RunEntry[]): RunChunk {
  const [{ drawId, partition, seq: firstSeq }] = entries as [RunEntry];
  return {
    drawId,
    partition,
    firstSeq,
    entries: entries.map(({ drawId: _drawId, partition: _partition, seq: _seq, ...entry }) => entry),
  };
}
