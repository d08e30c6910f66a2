// What the draw page says about a draw, worked out from the API's answers. Pure: no DOM.

export interface Partition {
  partition: number;
  runEntries: number;
  runEnded: boolean;
  results: number;
}

/** A wallet partition's markers seen, as a wallet instance answered (sourcePartitions null: not asked yet). */
export interface PartitionMarkers {
  partition: number;
  markers: number[];
  sourcePartitions: number | null;
}

export interface FullVerification {
  state: 'running' | 'verified' | 'differs' | 'failed';
  startedAt: string;
  finishedAt?: string | null;
  summary?: string | null;
  problems?: string[];
}

export interface Verification {
  verifiable: boolean;
  reason?: string;
  seedMatchesCommitment?: boolean;
  resultsHash?: string;
}

/** One row per wallet partition the runs, results or markers name, in partition order. */
export function partitionLines(progress: readonly Partition[], markers: readonly PartitionMarkers[]) {
  const seen = new Map(markers.map((m) => [m.partition, m]));
  const byNumber = new Map(progress.map((p) => [p.partition, p]));
  const numbers = [...new Set([...seen.keys(), ...byNumber.keys()])].sort((a, b) => a - b);
  return numbers.map((partition) => ({
    ...(byNumber.get(partition) ?? { partition, runEntries: 0, runEnded: false, results: 0 }),
    markers: seen.get(partition),
  }));
}

/** A partition sends its run once it has seen the marker of every source partition, so a run's end implies them. */
export function markersText(seen: PartitionMarkers | undefined, runEnded: boolean, known: boolean): string {
  if (seen?.sourcePartitions)
    return `${seen.markers.length} of ${seen.sourcePartitions}${seen.markers.length ? ` (from ${seen.markers.join(', ')})` : ''}`;
  if (runEnded) return 'all (its run ended)';
  return seen || known ? 'none yet' : 'not known (no wallet instance answered)';
}

/** A histogram bucket's label: `3`, `4–7`, or `8+` for the last, open one. */
export const bucketLabel = ({ from, to }: { from: number; to: number | null }) =>
  to === null ? `${from}+` : from === to ? `${from}` : `${from}–${to}`;

/** What `prizedraw verify`, run from the console, found. */
export function fullVerificationText(full: FullVerification | undefined): string {
  if (!full) return '';
  if (full.state === 'running') return `prizedraw verify is running (since ${full.startedAt})…`;
  if (full.state === 'verified') return `Verified by prizedraw verify at ${full.finishedAt}: ${full.summary}`;
  if (full.state === 'differs')
    return `prizedraw verify found differences at ${full.finishedAt}${full.summary ? `: ${full.summary}` : ':'}`;
  return `prizedraw verify could not run to its end: ${full.summary}`;
}

/** What the draw record's commitment says, before the full verification. */
export function verificationText(drawId: string, state: string, v: Verification | undefined): string {
  if (!v) return state === 'completed' ? 'No draw record published yet.' : '';
  if (!v.verifiable) return `Not verifiable: ${v.reason ?? 'no seed commitment'}.`;
  const seed = v.seedMatchesCommitment
    ? 'its revealed seed matches the commitment'
    : 'its revealed seed does NOT match the commitment';
  return `Verifiable: ${seed}; results hash ${v.resultsHash}. Every ticket is checked by prizedraw verify ${drawId} (the button runs it).`;
}
