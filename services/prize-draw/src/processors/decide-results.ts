import type { Award } from '../adapters/draw-store';
import { type DrawResultData, drawResultOf } from './draw-result-of';
import type { DrawRules } from './draw-status';
import type { MergedEntry } from './merged-runs';

/** A kept ticket of an entrant, as a wallet's run holds it. */
export interface RankedTicket {
  customerId: string;
  ticket: string;
  /** The entrant's ticket count. */
  tickets: number;
  /** The entrant was excluded at draw time: their tickets take no prize. */
  excluded?: true;
}

/**
 * The draw's results from every kept ticket, in memory: the same rules as the service's decision and emission
 * passes (decideWinners, emitResults), written for verifiers, which hold the whole entry list anyway. Tickets
 * are ranked highest first (equal tickets, which 128 bits make practically impossible, by customer id); the
 * table prizes go down the ranks, past excluded customers, each customer at most `maxWinsPerCustomer`; each
 * customer's result is at their best ticket. Results come in rank order.
 */
export function decideResults(
  drawId: string,
  rules: DrawRules,
  kept: readonly RankedTicket[],
): DrawResultData[] {
  const ranked = [...kept].sort((a, b) =>
    a.ticket !== b.ticket ? (a.ticket > b.ticket ? -1 : 1) : a.customerId < b.customerId ? -1 : 1,
  );
  const awards = new Map<string, Award>();
  let prizeIndex = 0;
  let given = 0;
  for (const { customerId, excluded } of ranked) {
    if (prizeIndex >= rules.prizes.length) break;
    if (excluded) continue;
    const award = awards.get(customerId) ?? { prizes: [] };
    if (award.prizes.length >= rules.maxWinsPerCustomer) continue;
    const { prizeId, name, quantity } = rules.prizes[prizeIndex]!;
    awards.set(customerId, { prizes: [...award.prizes, { prizeId, name }] });
    if (++given === quantity) {
      prizeIndex++;
      given = 0;
    }
  }
  const results: DrawResultData[] = [];
  const seen = new Set<string>();
  ranked.forEach((ticket, index) => {
    if (seen.has(ticket.customerId)) return;
    seen.add(ticket.customerId);
    const entry: MergedEntry = { ...ticket, partition: 0, seq: index };
    results.push(drawResultOf(drawId, entry, index + 1, awards.get(ticket.customerId), rules.defaultPrize));
  });
  return results;
}
