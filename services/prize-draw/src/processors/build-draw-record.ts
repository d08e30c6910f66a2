import { createHash } from 'node:crypto';
import {
  accountIdOrder,
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
} from '@prizedraw/events';
import type { DrawStore } from '../adapters/draw-store';
import { drawResultOf } from './draw-result-of';
import { type DrawStatus, headPositions, ticketsOf } from './draw-status';
import { MergedRuns } from './merged-runs';

// Entries per prizedraw.draw-record-entries.v1 record: ~60 bytes of JSON each stays well under the broker's
// 1 MB default message size even with long account ids.
const ENTRIES_PER_CHUNK = 5_000;
const HASHED_CHARS = 64 * 1024;

/** What a draw record is built from besides the store: the completed status, its definition and seed. */
export interface DrawRecordInput {
  status: DrawStatus;
  definition: DrawDefined;
  activityTopic: string;
  /** The draw's seed from the seed directory, if it has one. */
  seed: Buffer | undefined;
  completedAt: string;
}

/**
 * The published record of a completed draw and its entry chunks (docs/verifiable-draws.md). One more walk of
 * the merged runs rebuilds, in rank order, the results the emission sent (same store, same awards, so the
 * same results) for the results hash, and collects every entrant's ticket count for the entry list. An SCA
 * draw's record has the entry list and no results (its hash is that of none, `winners` 0). The entry chunks
 * are made as they are sent.
 * Memory: an account id and a ticket count per entrant, in two arrays.
 */
export async function buildDrawRecord(
  store: DrawStore,
  { status, definition, activityTopic, seed, completedAt }: DrawRecordInput,
): Promise<{ record: DrawRecord; chunks: Iterable<DrawRecordEntries> }> {
  const { drawId, rules, decidedThroughRank, emit } = status;
  // SCA draws the winners of an SCA draw from the exported file: the record has no results to hash.
  const drawn = definition.administrator !== 'sca';
  // One column per field: a million {accountId, tickets} objects, held until the last chunk was sent, took
  // ~40 MB more of prize-draw's heap at its peak.
  const entrants = { ids: [] as string[], tickets: [] as number[] };
  // A customer holds several entries only when they may win more than once: only then remember who was seen.
  const seen = rules!.maxWinsPerCustomer > 1 ? new Set<string>() : undefined;
  const excluded: string[] = [];
  const results = createHash('sha256');
  let lines = '';
  const merged = await MergedRuns.open(store, drawId, headPositions(status.partitions!));
  try {
    let rank = 0;
    for (let entry = await merged.next(); entry !== undefined; entry = await merged.next()) {
      rank++;
      if (seen?.has(entry.customerId)) continue;
      seen?.add(entry.customerId);
      entrants.ids.push(entry.customerId);
      entrants.tickets.push(entry.tickets);
      if (entry.excluded) excluded.push(entry.customerId);
      if (!drawn) continue;
      const award = rank <= decidedThroughRank! ? await store.award(drawId, entry.customerId) : undefined;
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
  const sorted = inLeafOrder(entrants);
  const count = sorted.order.length;
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
    entrants: drawn ? emit!.entrants : count,
    tickets: ticketsOf(status),
    winners: drawn ? emit!.winners : 0,
    lateTickets: status.lateTickets,
    entriesRoot: entriesRoot(entriesOf(sorted, 0, count)),
    entryChunks: Math.ceil(count / ENTRIES_PER_CHUNK),
    resultsHash: results.digest('hex'),
    completedAt,
  };
  return { record, chunks: chunksOf(drawId, sorted) };
}

/** A record's entrants (account ids and ticket counts, index by index) and the order of their leaves. */
interface SortedEntrants {
  ids: readonly string[];
  tickets: readonly number[];
  order: readonly number[];
}

/** The entrants in the Merkle tree's leaf order (ascending UTF-8 bytes of the account id), as indexes. */
function inLeafOrder({ ids, tickets }: { ids: string[]; tickets: number[] }): SortedEntrants {
  const compare = accountIdOrder(ids);
  const order = Array.from(ids, (_, i) => i).sort((a, b) => compare(ids[a]!, ids[b]!));
  return { ids, tickets, order };
}

function* entriesOf(
  { ids, tickets, order }: SortedEntrants,
  from: number,
  to: number,
): Generator<RecordEntry> {
  for (let i = from; i < to; i++) yield { accountId: ids[order[i]!]!, tickets: tickets[order[i]!]! };
}

function* chunksOf(drawId: string, sorted: SortedEntrants): Generator<DrawRecordEntries> {
  const count = sorted.order.length;
  for (let at = 0; at < count; at += ENTRIES_PER_CHUNK) {
    const entries = [...entriesOf(sorted, at, Math.min(at + ENTRIES_PER_CHUNK, count))];
    yield { drawId, chunk: at / ENTRIES_PER_CHUNK, entries };
  }
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
