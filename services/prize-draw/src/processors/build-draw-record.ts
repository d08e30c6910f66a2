import {
  canonicalJson,
  DRAW_SCHEME,
  type DrawDefined,
  type DrawRecord,
  type DrawRecordEntries,
  seedCommitmentOf,
  sha256Hex,
} from '@prizedraw/events';
import type { DrawStore } from '../adapters/draw-store';
import { drawResultOf } from './draw-result-of';
import { type DrawStatus, headPositions, ticketsOf } from './draw-status';
import type { EntrantList } from './entrant-list';
import { MergedRuns } from './merged-runs';
import { RecordTally } from './record-tally';

// Entries per prizedraw.draw-record-entries.v1 record: ~60 bytes of JSON each stays well under the broker's
// 1 MB default message size even with long account ids.
const ENTRIES_PER_CHUNK = 5_000;

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
 * The published record of a completed draw and its entry chunks (docs/verifiable-draws.md), from the tally
 * the emission kept when it has one for every result, else from one more walk of the merged runs: in rank
 * order, the results the emission sent (same store, same awards, so the same results) for the results hash,
 * and every entrant's ticket count for the entry list. An SCA draw's record has the entry list and no
 * results (its hash is that of none, `winners` 0). The entry chunks are made as they are sent.
 */
export async function buildDrawRecord(
  store: DrawStore,
  { status, definition, activityTopic, seed, completedAt }: DrawRecordInput,
  emitted?: RecordTally,
): Promise<{ record: DrawRecord; chunks: Iterable<DrawRecordEntries> }> {
  const { drawId, emit } = status;
  // SCA draws the winners of an SCA draw from the exported file: the record has no results to hash.
  const drawn = definition.administrator !== 'sca';
  const tally = emitted ?? (await tallyRuns(store, status, drawn));
  const { entrants, excluded } = tally;
  const order = entrants.leafOrder();
  const count = order.length;
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
    entriesRoot: entrants.entriesRoot(order),
    entryChunks: Math.ceil(count / ENTRIES_PER_CHUNK),
    resultsHash: tally.resultsHash(),
    completedAt,
  };
  return { record, chunks: chunksOf(drawId, entrants, order) };
}

/** The tally of a draw's merged runs, walked from the top: with its results when the draw is `drawn`. */
async function tallyRuns(store: DrawStore, status: DrawStatus, drawn: boolean): Promise<RecordTally> {
  const { drawId, rules, decidedThroughRank } = status;
  const tally = new RecordTally(status);
  // A customer holds several entries only when they may win more than once: only then remember who was seen.
  const seen = rules!.maxWinsPerCustomer > 1 ? new Set<string>() : undefined;
  const merged = await MergedRuns.open(store, drawId, headPositions(status.partitions!));
  try {
    for (let entry = await merged.next(); entry !== undefined; entry = await merged.next()) {
      const rank = ++tally.through;
      if (seen?.has(entry.customerId)) continue;
      seen?.add(entry.customerId);
      if (!drawn) {
        tally.addEntrant(entry.customerId, entry.tickets, entry.excluded);
        continue;
      }
      const award = rank <= decidedThroughRank! ? await store.award(drawId, entry.customerId) : undefined;
      tally.addResult(drawResultOf(drawId, entry, rank, award, rules!.defaultPrize));
    }
  } finally {
    await merged.close();
  }
  return tally;
}

function* chunksOf(drawId: string, entrants: EntrantList, order: Uint32Array): Generator<DrawRecordEntries> {
  for (let at = 0; at < order.length; at += ENTRIES_PER_CHUNK) {
    const entries = entrants.entries(order, at, Math.min(at + ENTRIES_PER_CHUNK, order.length));
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
