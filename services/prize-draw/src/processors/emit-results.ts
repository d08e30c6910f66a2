import type { DrawStore } from '../adapters/draw-store';
import { type DrawResultData, drawResultOf } from './draw-result-of';
import type { DrawRules, EmitProgress } from './draw-status';
import { MergedRuns } from './merged-runs';

/** Outcome of one slice of the emission. */
export interface EmitSlice {
  progress: EmitProgress;
  /** Run entries looked at in this slice. */
  walked: number;
  /** Every entry was looked at: every entrant has had their result. */
  done: boolean;
}

/** What the emission needs beyond the store: the draw's rules and how far the decision pass went. */
export interface EmitContext {
  drawId: string;
  rules: DrawRules;
  decidedThroughRank: number;
  send: (result: DrawResultData) => Promise<void>;
}

/**
 * One slice of the emission: walks the merged runs from `progress` for at most `budget` entries and sends
 * one result per entrant, at their best ticket. The progress is stored with the slice's results in one
 * transaction, so a resumed emission neither repeats nor skips anyone; awards were decided before, so it
 * also gives the same outcomes.
 */
export async function emitResults(
  store: DrawStore,
  { drawId, rules, decidedThroughRank, send }: EmitContext,
  progress: EmitProgress,
  budget: number,
): Promise<EmitSlice> {
  let { rank, entrants, winners } = progress;
  let walked = 0;
  // A customer holds up to maxWinsPerCustomer entries, and only one when they hold one ticket.
  const mayRepeat = rules.maxWinsPerCustomer > 1;
  const merged = await MergedRuns.open(store, drawId, progress.positions);
  try {
    while (walked < budget) {
      const entry = await merged.next();
      if (entry === undefined) break;
      walked++;
      rank++;
      if (mayRepeat && entry.tickets > 1 && (await store.markSeen(drawId, entry.customerId))) continue;
      // Everyone ranked below the decision pass's last entry is known to have no table prize.
      const award = rank <= decidedThroughRank ? await store.award(drawId, entry.customerId) : undefined;
      const result = drawResultOf(drawId, entry, rank, award, rules.defaultPrize);
      await send(result);
      entrants++;
      if (result.outcome === 'won') winners++;
    }
    return {
      progress: { positions: merged.positions(), rank, entrants, winners },
      walked,
      done: merged.exhausted,
    };
  } finally {
    await merged.close();
  }
}
