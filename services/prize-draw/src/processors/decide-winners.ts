import type { DrawStore } from '../adapters/draw-store';
import type { DecideProgress, DrawRules } from './draw-status';
import { MergedRuns } from './merged-runs';

/** Outcome of one slice of the decision pass. */
export interface DecideSlice {
  progress: DecideProgress;
  /** Run entries looked at in this slice. */
  walked: number;
  /** Every table prize is given, or every entry was looked at. */
  done: boolean;
}

/**
 * One slice of the decision pass: walks the merged runs from `progress` for at most `budget` entries and
 * gives the table prizes in order, best prize to the highest ticket, each customer at most
 * `maxWinsPerCustomer` prizes, excluded customers none. Awards are stored per customer (best first) with the progress, in the same
 * transaction, so a resumed pass continues exactly where the last committed slice stopped.
 */
export async function decideWinners(
  store: DrawStore,
  drawId: string,
  rules: DrawRules,
  progress: DecideProgress,
  budget: number,
): Promise<DecideSlice> {
  let { rank, prizeIndex, given, awarded } = progress;
  let walked = 0;
  const merged = await MergedRuns.open(store, drawId, progress.positions);
  try {
    while (prizeIndex < rules.prizes.length && walked < budget) {
      const entry = await merged.next();
      if (entry === undefined) break;
      walked++;
      rank++;
      // An excluded customer's ticket takes no prize: the next ticket does.
      if (entry.excluded) continue;
      const award = (await store.award(drawId, entry.customerId)) ?? { prizes: [] };
      if (award.prizes.length >= rules.maxWinsPerCustomer) continue;
      const { prizeId, name, quantity } = rules.prizes[prizeIndex]!;
      store.putAward(drawId, entry.customerId, { prizes: [...award.prizes, { prizeId, name }] });
      awarded++;
      if (++given === quantity) {
        prizeIndex++;
        given = 0;
      }
    }
    const done = prizeIndex >= rules.prizes.length || merged.exhausted;
    return { progress: { positions: merged.positions(), rank, prizeIndex, given, awarded }, walked, done };
  } finally {
    await merged.close();
  }
}
