import {
  canonicalJson,
  customerTickets,
  type DrawRecord,
  type LineOutcome,
  type RecordEntry,
  resultLines,
} from '@prizedraw/events';
import { rulesOf } from '@prizedraw/prize-draw';

const TICKET_BYTES = 16;

/** What one entrant must have been published with: the contract fields a verifier compares. */
export interface ExpectedResult {
  outcome: 'won' | 'lost';
  prize: { prizeId: string; name: string } | null;
  ticket: string;
  rank: number;
  tickets: number;
  excluded?: true;
}

/** An outcome an entrant can have, with its prize as canonical JSON (for the results hash). */
interface Outcome extends LineOutcome {
  outcome: 'won' | 'lost';
  prize: ExpectedResult['prize'];
}

/**
 * Every entrant's expected result, recomputed from the seed, the entries and the definition's rules, held in
 * typed arrays by entry index rather than as a million result objects: `resultOf(i)` builds one when asked.
 */
export interface ExpectedResults {
  resultOf(i: number): ExpectedResult;
  /** The rank of entrant `i`'s result (`resultOf(i).rank`, without building the result). */
  rankOf(i: number): number;
  /** The entry index of the entrant whose best ticket is at `rank`, if the rank exists. */
  ownerAtRank(rank: number): number | undefined;
  /** sha256 over the expected results' lines in rank order, lowercase hex (the record's `resultsHash`). */
  resultsHash: string;
}

/**
 * Each entrant's k = maxWinsPerCustomer best tickets, 16 bytes each in one buffer, highest first within an
 * entrant; `owner[j]` is the entry index of kept ticket j. Tickets are derived one at a time into a scratch
 * buffer and only the kept ones copied, so an entrant with a million tickets needs no more memory than one.
 */
function keptTickets(seed: Buffer, drawId: string, entries: readonly RecordEntry[], k: number) {
  const keptCount = entries.reduce((sum, { tickets }) => sum + Math.min(tickets, k), 0);
  const kept = Buffer.alloc(keptCount * TICKET_BYTES);
  const owner = new Uint32Array(keptCount);
  const candidate = Buffer.alloc(TICKET_BYTES);
  const slot = (j: number) => j * TICKET_BYTES;
  let start = 0;
  entries.forEach(({ accountId, tickets }, i) => {
    const write = customerTickets(seed, drawId, accountId);
    let filled = 0;
    for (let n = 1; n <= tickets; n++) {
      write(n, candidate, 0);
      const last = start + filled - 1;
      if (filled === k && candidate.compare(kept, slot(last), slot(last + 1)) <= 0) continue;
      // Insertion into the entrant's slots, highest first: lower ones move down, the lowest drops when full.
      let at = filled < k ? start + filled++ : last;
      for (; at > start && candidate.compare(kept, slot(at - 1), slot(at)) > 0; at--)
        kept.copy(kept, slot(at), slot(at - 1), slot(at));
      candidate.copy(kept, slot(at));
    }
    owner.fill(i, start, start + filled);
    start += filled;
  });
  return { kept, owner };
}

/**
 * The ranking: every kept ticket's index, highest ticket first; equal tickets (which 128 bits make practically
 * impossible) by account id, as prize-draw ranks them. A million tickets compare as their first 4 bytes,
 * numbers, and as bytes only when those are equal.
 */
function rankTickets(kept: Buffer, owner: Uint32Array, entries: readonly RecordEntry[]): Uint32Array {
  const head = new Uint32Array(owner.length);
  for (let j = 0; j < owner.length; j++) head[j] = kept.readUInt32BE(j * TICKET_BYTES);
  return Uint32Array.from(head, (_, j) => j).sort((a, b) => {
    if (head[a] !== head[b]) return head[b]! - head[a]!;
    const byValue = kept.compare(kept, a * 16, a * 16 + 16, b * 16, b * 16 + 16);
    if (byValue !== 0) return byValue;
    return entries[owner[a]!]!.accountId < entries[owner[b]!]!.accountId ? -1 : 1;
  });
}

const asTicket = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/**
 * Recomputes the draw as docs/verifiable-draws.md's rules say: every kept ticket ranked highest first; the
 * table prizes go down the ranking past excluded entrants, each entrant at most maxWinsPerCustomer of them;
 * each entrant's one result is at their best ticket (rank = its position); an excluded entrant loses, else
 * wins their best prize, else the default prize, else loses. `excluded` flags entries by index.
 */
export function expectResults(
  record: DrawRecord,
  entries: readonly RecordEntry[],
  seed: Buffer,
  excluded: Uint8Array,
): ExpectedResults {
  const rules = rulesOf(record.definition);
  const { kept, owner } = keptTickets(seed, record.drawId, entries, rules.maxWinsPerCustomer);
  const order = rankTickets(kept, owner, entries);
  const bestPrize = new Int32Array(entries.length).fill(-1);
  const wins = new Uint32Array(entries.length);
  let prize = 0;
  let given = 0;
  for (const j of order) {
    if (prize >= rules.prizes.length) break;
    const i = owner[j]!;
    if (excluded[i] || wins[i]! >= rules.maxWinsPerCustomer) continue;
    if (wins[i] === 0) bestPrize[i] = prize;
    wins[i]!++;
    if (++given === rules.prizes[prize]!.quantity) [prize, given] = [prize + 1, 0];
  }
  const outcome = (prize: ExpectedResult['prize']): Outcome => ({
    outcome: prize ? 'won' : 'lost',
    prize,
    prizeJson: canonicalJson(prize),
  });
  const lost = outcome(null);
  const table = rules.prizes.map(({ prizeId, name }) => outcome({ prizeId, name }));
  const otherwise = outcome(rules.defaultPrize);
  const outcomeOf = (i: number) => (excluded[i] ? lost : (table[bestPrize[i]!] ?? otherwise));

  const rank = new Uint32Array(entries.length);
  const ownerAtRank = new Uint32Array(order.length + 1);
  const bestKept = new Uint32Array(entries.length);
  const ticketOf = (i: number) => asTicket(kept.toString('hex', bestKept[i]! * 16, bestKept[i]! * 16 + 16));
  const lines = resultLines(record.drawId);
  order.forEach((j, position) => {
    const i = owner[j]!;
    if (rank[i] !== 0) return;
    [rank[i], ownerAtRank[position + 1], bestKept[i]] = [position + 1, i, j];
    const { accountId, tickets } = entries[i]!;
    lines.add(accountId, outcomeOf(i), rank[i]!, ticketOf(i), tickets);
  });
  return {
    resultOf: (i) => {
      const { outcome, prize } = outcomeOf(i);
      const result = { outcome, prize, ticket: ticketOf(i), rank: rank[i]!, tickets: entries[i]!.tickets };
      return excluded[i] ? { ...result, excluded: true } : result;
    },
    rankOf: (i) => rank[i]!,
    // A rank that is no integer, or out of range, is no index of the typed array: undefined.
    ownerAtRank: (at) => ownerAtRank[at],
    resultsHash: lines.digest(),
  };
}
