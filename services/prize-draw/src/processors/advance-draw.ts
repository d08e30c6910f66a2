import {
  type DrawCompleted,
  type DrawDefined,
  type DrawRecord,
  type DrawRecordEntries,
  EVENT_TYPES,
} from '@prizedraw/events';
import type { DrawDefinitions } from '@prizedraw/service';
import type { DrawStore } from '../adapters/draw-store';
import { buildDrawRecord } from './build-draw-record';
import { decideWinners } from './decide-winners';
import type { DrawResultData } from './draw-result-of';
import { type DrawStatus, headPositions, rulesOf, ticketsOf } from './draw-status';
import { emitResults } from './emit-results';
import type { DrawSeedSource } from './prize-draw-processor';
import { type RecordTally, tallyForSlice } from './record-tally';

/**
 * A record for `{brand}.draw.results` (or, with `sink: 'records'`, `{brand}.draw.records`): key, event type,
 * data and a CloudEvent id stable across replays.
 */
export interface DrawOutput {
  key: string;
  type: string;
  data: DrawResultData | DrawCompleted | DrawRecord | DrawRecordEntries;
  id: string;
  sink?: 'records';
  /** The data as JSON text, when it was made anyway (a result's line in the results hash). */
  dataJson?: string;
}

/** What advancing a draw needs: its store, the definitions, and where outputs go. */
export interface AdvanceDrawDeps {
  store: DrawStore;
  definitions: DrawDefinitions;
  /** Seeds of verifiable draws, revealed in their records. */
  seeds: DrawSeedSource;
  /** The activity topic the records' cut-off offsets are of. */
  activityTopic: string;
  send: (status: DrawStatus, output: DrawOutput) => Promise<void>;
  /** Wall-clock time of the punctuation, epoch ms. */
  now: number;
  /** Per draw, the tally of the results this process emitted, for the draw's record (kept across slices). */
  tallies: Map<string, RecordTally>;
}

/**
 * Moves a draw whose runs are all in as far as `budget` run entries allow: fixes its rules from the
 * definition, decides the table prizes, sends the results, then `draw-completed`. Returns the new status
 * (for the caller to store with the outputs) and how many entries it walked. A draw without a definition
 * yet stays ready and walks nothing; an SCA-administered draw is skipped: no results, only its record.
 */
export async function advanceDraw(
  deps: AdvanceDrawDeps,
  status: DrawStatus,
  budget: number,
): Promise<{ status: DrawStatus; walked: number }> {
  const { store, definitions, send } = deps;
  let next = status;
  let walked = 0;
  const { drawId } = status;
  if (next.phase === 'ready') {
    const definition = definitions.get(drawId);
    if (definition === undefined) return { status: next, walked };
    if (definition.administrator === 'sca')
      return { status: await recordScaDraw(next, definition, deps), walked };
    const decide = {
      positions: headPositions(next.partitions!),
      rank: 0,
      prizeIndex: 0,
      given: 0,
      awarded: 0,
    };
    next = { ...next, phase: 'deciding', rules: rulesOf(definition), definition, decide };
  }
  if (next.phase === 'deciding') {
    const slice = await decideWinners(store, drawId, next.rules!, next.decide!, budget);
    walked += slice.walked;
    next = { ...next, decide: slice.progress };
    if (slice.done) {
      const emit = { positions: headPositions(next.partitions!), rank: 0, entrants: 0, winners: 0 };
      next = { ...next, phase: 'emitting', decidedThroughRank: slice.progress.rank, emit };
    }
  }
  if (next.phase === 'emitting' && walked < budget) {
    const emitting = next;
    const tally = tallyForSlice(deps.tallies, emitting);
    const slice = await emitResults(
      store,
      {
        drawId,
        rules: emitting.rules!,
        decidedThroughRank: emitting.decidedThroughRank!,
        send: (result) =>
          send(emitting, {
            key: result.accountId,
            type: EVENT_TYPES.drawResult,
            data: result,
            id: `${drawId}:result:${result.accountId}`,
            dataJson: tally?.addResult(result),
          }),
      },
      emitting.emit!,
      budget - walked,
    );
    if (tally !== undefined) tally.through = slice.progress.rank;
    walked += slice.walked;
    next = { ...next, emit: slice.progress };
    if (slice.done) next = await complete(next, deps, tally);
  }
  return { status: next, walked };
}

/**
 * Sends draw-completed (with the seed, when the draw is verifiable) and the draw record with its entry
 * chunks, in the transaction that completes the draw: a crash before it commits sends them again, once.
 */
async function complete(
  status: DrawStatus,
  deps: AdvanceDrawDeps,
  tally: RecordTally | undefined,
): Promise<DrawStatus> {
  const { store, definitions, seeds, activityTopic, send, now } = deps;
  deps.tallies.delete(status.drawId);
  const { drawId, lateTickets } = status;
  const { entrants, winners } = status.emit!;
  const at = new Date(now).toISOString();
  // Statuses from before records kept no definition: the table's is the one the draw ran with.
  const definition = status.definition ?? definitions.get(drawId)!;
  const seed = await seeds(drawId);
  const input = { status, definition, activityTopic, seed, completedAt: at };
  const { record, chunks } = await buildDrawRecord(store, input, tally);
  const completed: DrawCompleted = { drawId, entrants, tickets: ticketsOf(status), winners, lateTickets };
  if (record.seed !== undefined) completed.seed = record.seed;
  await send(status, {
    key: drawId,
    type: EVENT_TYPES.drawCompleted,
    data: completed,
    id: `${drawId}:completed`,
  });
  await sendRecord(status, record, chunks, send);
  const { seed: _revealed, ...kept } = completed;
  return { ...status, phase: 'completed', completed: { ...kept, at } };
}

/**
 * An SCA draw is not drawn here (SCA picks its winners from the exported file) but gets a record all the
 * same: its entry list, cut-offs and exclusions, no seed and no results. sca-export archives it beside the
 * entries file in S3, so what SCA received can be checked against what the pipeline counted.
 */
async function recordScaDraw(status: DrawStatus, definition: DrawDefined, deps: AdvanceDrawDeps) {
  const recorded: DrawStatus = { ...status, rules: rulesOf(definition), definition };
  const { record, chunks } = await buildDrawRecord(deps.store, {
    status: recorded,
    definition,
    activityTopic: deps.activityTopic,
    seed: undefined,
    completedAt: new Date(deps.now).toISOString(),
  });
  await sendRecord(recorded, record, chunks, deps.send);
  return { ...recorded, phase: 'skipped' as const };
}

/** The record's entry chunks, then the record itself: a reader who sees the record has its chunks. */
async function sendRecord(
  status: DrawStatus,
  record: DrawRecord,
  chunks: Iterable<DrawRecordEntries>,
  send: AdvanceDrawDeps['send'],
): Promise<void> {
  const { drawId } = record;
  for (const chunk of chunks) {
    const key = `${drawId}|entries|${chunk.chunk}`;
    const type = EVENT_TYPES.drawRecordEntries;
    await send(status, {
      key,
      type,
      data: chunk,
      id: `${drawId}:record:entries:${chunk.chunk}`,
      sink: 'records',
    });
  }
  const recordOutput = { key: drawId, type: EVENT_TYPES.drawRecord, data: record, id: `${drawId}:record` };
  await send(status, { ...recordOutput, sink: 'records' });
}
