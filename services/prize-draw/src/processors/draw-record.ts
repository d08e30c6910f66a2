import { createHash } from 'node:crypto';
import {
  canonicalJson,
  DRAW_SCHEME,
  type DrawDefined,
  type DrawRecord,
  type DrawRecordEntries,
  entriesRoot,
  type RecordEntry,
  resultLine,
  seedCommitmentOf,
  sha256Hex,
  sortEntries,
} from '@prizedraw/events';
import type { DrawReader } from '../adapters/draw-store';
import { drawResultOf } from './draw-result-of';
import { type DrawStatus, headPositions, ticketsOf } from './draw-status';
import { MergedRuns } from './merged-runs';

// Entries per prizedraw.draw-record-entries.v1 record: ~60 bytes of JSON each stays well under the broker's
// 1 MB default message size even with long account ids.
const ENTRIES_PER_CHUNK = 5_000;
const HASHED_CHARS = 64 * 1024;

/**
 * What the long walk of a draw's merged runs yields for its record: the entry list in leaf order, its Merkle
 * root, the excluded entrants and the results hash. It depends only on the runs and the awards, which are
 * fixed once the decision pass is done, so it can be computed while the results go out (see RecordDigests).
 */
export interface RecordDigest {
  entries: RecordEntry[];
  entriesRoot: string;
  /** Excluded entrants, unsorted. */
  excluded: string[];
  resultsHash: string;
}

/**
 * One more walk of the merged runs rebuilds, in rank order, the results the emission sends (same store, same
 * awards, so the same results) for the results hash, and collects every entrant's ticket count for the entry
 * list. A draw that is not `drawn` here (SCA's) gets the hash of no results. Memory: one entry per entrant.
 */
export async function digestDraw(
  reader: DrawReader,
  status: DrawStatus,
  drawn: boolean,
): Promise<RecordDigest> {
  const { drawId, rules, decidedThroughRank } = status;
  const unsorted: RecordEntry[] = [];
  // A customer holds several entries only when they may win more than once: only then remember who was seen.
  const seen = rules!.maxWinsPerCustomer > 1 ? new Set<string>() : undefined;
  const excluded: string[] = [];
  const results = createHash('sha256');
  let lines = '';
  const merged = await MergedRuns.open(reader, drawId, headPositions(status.partitions!));
  try {
    let rank = 0;
    for (let entry = await merged.next(); entry !== undefined; entry = await merged.next()) {
      rank++;
      if (seen?.has(entry.customerId)) continue;
      seen?.add(entry.customerId);
      unsorted.push({ accountId: entry.customerId, tickets: entry.tickets });
      if (entry.excluded) excluded.push(entry.customerId);
      if (!drawn) continue;
      const award = rank <= decidedThroughRank! ? await reader.award(drawId, entry.customerId) : undefined;
      lines += resultLine(drawResultOf(drawId, entry, rank, award, rules!.defaultPrize));
      // Hashed some 64 KB (a few hundred lines) at a time: the same digest as line by line, in fewer calls.
      if (lines.length >= HASHED_CHARS) {
        results.update(lines);
        lines = '';
      }
    }
    results.update(lines);
  } finally {
    await merged.close();
  }
  const entries = sortEntries(unsorted);
  return { entries, entriesRoot: entriesRoot(entries), excluded, resultsHash: results.digest('hex') };
}

/** What a draw record is built from besides its digest: the completed status, its definition and seed. */
export interface DrawRecordInput {
  status: DrawStatus;
  definition: DrawDefined;
  activityTopic: string;
  /** The draw's seed from the seed directory, if it has one. */
  seed: Buffer | undefined;
  completedAt: string;
}

/**
 * The published record of a completed draw and its entry chunks (docs/verifiable-draws.md), from its digest.
 * An SCA draw's record has the entry list and no results (its hash is that of none, `winners` 0).
 */
export function drawRecordOf(
  { entries, entriesRoot, excluded, resultsHash }: RecordDigest,
  { status, definition, activityTopic, seed, completedAt }: DrawRecordInput,
): { record: DrawRecord; chunks: DrawRecordEntries[] } {
  const { drawId, emit } = status;
  const drawn = definition.administrator !== 'sca';
  const chunks: DrawRecordEntries[] = [];
  for (let at = 0; at < entries.length; at += ENTRIES_PER_CHUNK)
    chunks.push({ drawId, chunk: chunks.length, entries: entries.slice(at, at + ENTRIES_PER_CHUNK) });
  const notVerifiable = whyNotVerifiable(definition, seed);
  const record: DrawRecord = {
    drawId,
    scheme: DRAW_SCHEME,
    verifiable: notVerifiable === undefined,
    ...(notVerifiable === undefined ? { seed: seed!.toString('hex') } : { reason: notVerifiable }),
    definition,
    definitionHash: sha256Hex(canonicalJson(definition)),
    activityTopic,
    ...(status.cutoffOffsets && { cutoffOffsets: status.cutoffOffsets }),
    ...exclusionsOf(status, excluded),
    entrants: drawn ? emit!.entrants : entries.length,
    tickets: ticketsOf(status),
    winners: drawn ? emit!.winners : 0,
    lateTickets: status.lateTickets,
    entriesRoot,
    entryChunks: chunks.length,
    resultsHash,
    completedAt,
  };
  return { record, chunks };
}

/**
 * The record's exclusion fields: the excluded entrants in leaf order (ascending UTF-8 bytes), and the
 * exclusions offsets the runs were sent at when every run-end names one (a wallet from before exclusions
 * names none, and a partial list would look like a complete one).
 */
function exclusionsOf(
  status: DrawStatus,
  excluded: string[],
): Pick<DrawRecord, 'excluded' | 'exclusionOffsets'> {
  const sorted = excluded.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  const offsets = status.runEnds.flatMap(({ partition, exclusionsOffset: offset }) =>
    offset === undefined ? [] : [{ partition, offset }],
  );
  if (offsets.length < status.runEnds.length) return { excluded: sorted };
  return { exclusionOffsets: offsets, excluded: sorted };
}

/** Undefined when the draw is verifiable: its definition commits to a seed and the seed directory has it. */
function whyNotVerifiable(definition: DrawDefined, seed: Buffer | undefined): string | undefined {
  if (definition.administrator === 'sca')
    return 'SCA administers the draw and draws its winners from the exported entries file: no tickets or results to recompute';
  if (definition.seedCommitment === undefined) return 'the definition commits to no seed: tickets are random';
  if (seed === undefined) return 'the seed directory of the draw service has no seed for the draw';
  if (seedCommitmentOf(seed) !== definition.seedCommitment)
    return "the seed in the draw service's seed directory does not match seedCommitment";
  return undefined;
}
