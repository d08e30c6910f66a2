import { type DrawCompleted, EVENT_TYPES } from '@prizedraw/events';
import type { DrawDefinitions } from '@prizedraw/service';
import type { DrawStore } from '../adapters/draw-store';
import { decideWinners } from './decide-winners';
import type { DrawResultData } from './draw-result-of';
import { type DrawStatus, headPositions, rulesOf, ticketsOf } from './draw-status';
import { emitResults } from './emit-results';

/** A record for `{brand}.draw.results`: key, event type, data and a CloudEvent id stable across replays. */
export interface DrawOutput {
  key: string;
  type: string;
  data: DrawResultData | DrawCompleted;
  id: string;
}

/** What advancing a draw needs: its store, the definitions, and where outputs go. */
export interface AdvanceDrawDeps {
  store: DrawStore;
  definitions: DrawDefinitions;
  send: (status: DrawStatus, output: DrawOutput) => Promise<void>;
  /** Wall-clock time of the punctuation, epoch ms. */
  now: number;
}

/**
 * Moves a draw whose runs are all in as far as `budget` run entries allow: fixes its rules from the
 * definition, decides the table prizes, sends the results, then `draw-completed`. Returns the new status
 * (for the caller to store with the outputs) and how many entries it walked. A draw without a definition
 * yet stays ready and walks nothing; an SCA-administered draw is skipped, with no output.
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
    if (definition.administrator === 'sca') return { status: { ...next, phase: 'skipped' }, walked };
    const decide = {
      positions: headPositions(next.partitions!),
      rank: 0,
      prizeIndex: 0,
      given: 0,
      awarded: 0,
    };
    next = { ...next, phase: 'deciding', rules: rulesOf(definition), decide };
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
          }),
      },
      emitting.emit!,
      budget - walked,
    );
    walked += slice.walked;
    next = { ...next, emit: slice.progress };
    if (slice.done) next = await complete(next, deps);
  }
  return { status: next, walked };
}

async function complete(status: DrawStatus, { send, now }: AdvanceDrawDeps): Promise<DrawStatus> {
  const { drawId, lateTickets } = status;
  const { entrants, winners } = status.emit!;
  const completed: DrawCompleted = { drawId, entrants, tickets: ticketsOf(status), winners, lateTickets };
  await send(status, {
    key: drawId,
    type: EVENT_TYPES.drawCompleted,
    data: completed,
    id: `${drawId}:completed`,
  });
  return { ...status, phase: 'completed', completed: { ...completed, at: new Date(now).toISOString() } };
}
