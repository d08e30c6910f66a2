import type { DrawResult } from '@prizedraw/events';
import type { Award, PrizeRef } from '../adapters/draw-store';
import type { MergedEntry } from './merged-runs';

/**
 * Data of `prizedraw.draw-result.v1` as prize-draw writes it: the contract's fields, plus `prizes` (every
 * table prize won, best first) when an entrant won more than one — an optional field the contract does not
 * list yet, so a validating consumer sees `prize`, the best of them.
 */
export type DrawResultData = DrawResult & { prizes?: PrizeRef[] };

/**
 * The one result of an entrant, built at their best ticket (their first entry in the merged order): lost
 * if they were excluded at draw time (no prize, not even the default); else won with their best table
 * prize; else won with the default prize; else lost.
 */
export function drawResultOf(
  drawId: string,
  entry: MergedEntry,
  rank: number,
  award: Award | undefined,
  defaultPrize: PrizeRef | null,
): DrawResultData {
  const { customerId: accountId, ticket, tickets } = entry;
  if (entry.excluded)
    return { drawId, accountId, outcome: 'lost', prize: null, ticket, rank, tickets, excluded: true };
  const prizes = award?.prizes ?? [];
  const best = prizes[0];
  if (best !== undefined) {
    const result: DrawResultData = { drawId, accountId, outcome: 'won', prize: best, ticket, rank, tickets };
    if (prizes.length > 1) result.prizes = prizes;
    return result;
  }
  if (defaultPrize !== null)
    return { drawId, accountId, outcome: 'won', prize: defaultPrize, ticket, rank, tickets };
  return { drawId, accountId, outcome: 'lost', prize: null, ticket, rank, tickets };
}
