import {
  canonicalJson,
  DRAW_SCHEME,
  type DrawResult,
  entriesRoot,
  resultsHashOf,
  seedCommitmentOf,
  sha256Hex,
  sortEntries,
} from '@prizedraw/events';
import { decideResults, type RankedTicket, rulesOf } from '@prizedraw/prize-draw';
import { derivedTickets, keepBestTickets } from '@prizedraw/ticket-wallet';
import type { PublishedDraw } from './published-draw';

// Differences listed in full beyond this many would drown the first ones.
const MAX_LISTED = 10;

/** What a verification found: empty `problems` means the draw is verified. */
export interface Verification {
  problems: string[];
  /** Results recomputed from the seed, the entries and the definition's rules, in rank order. */
  expected: DrawResult[];
}

/**
 * Checks a published draw against the scheme of docs/verifiable-draws.md: the seed against the definition's
 * commitment, the definition's hash, the entry list against its Merkle root and the counts, every entrant's
 * tickets recomputed from the seed, the winners and ranks recomputed with the definition's rules and compared
 * with the published results (an excluded entrant's tickets take no prize), and the results hash. Each
 * problem names what differs. An SCA draw's record has no seed and no results ({@link verifyScaRecord}).
 */
export function verifyPublishedDraw(draw: PublishedDraw): Verification {
  const { record, entries, results } = draw;
  const problems: string[] = [];
  const { drawId, definition } = record;
  if (record.scheme !== DRAW_SCHEME)
    problems.push(`the record follows scheme ${record.scheme}, not ${DRAW_SCHEME}`);
  if (definition.administrator === 'sca')
    return { problems: [...problems, ...verifyScaRecord(draw)], expected: [] };
  if (!record.verifiable || record.seed === undefined) {
    problems.push(`draw ${drawId} is not verifiable: ${record.reason ?? 'the record reveals no seed'}`);
    return { problems, expected: [] };
  }
  const seed = Buffer.from(record.seed, 'hex');
  if (seedCommitmentOf(seed) !== definition.seedCommitment)
    problems.push(
      `the revealed seed does not match the definition's seedCommitment ${definition.seedCommitment}`,
    );
  if (sha256Hex(canonicalJson(definition)) !== record.definitionHash)
    problems.push("the definition does not hash to the record's definitionHash");
  problems.push(...checkEntries(record, entries), ...checkExcluded(record, entries));
  const excluded = new Set(record.excluded);
  const kept: RankedTicket[] = entries.flatMap(({ accountId, tickets }) =>
    keepBestTickets(
      [],
      tickets,
      definition.maxWinsPerCustomer,
      derivedTickets(seed, drawId, accountId, 1),
    ).map((ticket) => ({
      customerId: accountId,
      ticket,
      tickets,
      ...(excluded.has(accountId) && { excluded: true as const }),
    })),
  );
  const expected = decideResults(drawId, rulesOf(definition), kept);
  problems.push(...compareResults(expected, results));
  if (resultsHashOf(results) !== record.resultsHash)
    problems.push("the published results do not hash to the record's resultsHash");
  const winners = results.filter((result) => result.outcome === 'won').length;
  if (winners !== record.winners)
    problems.push(`the record says ${record.winners} winners, the results have ${winners}`);
  return { problems, expected };
}

/**
 * The record of an SCA draw, which SCA draws from the exported file: what can be checked is the definition's
 * hash, the entry list against its root and counts, the excluded entrants, and that prizedraw published no
 * results and no seed for it (its results hash is that of none).
 */
function verifyScaRecord({ record, entries, results }: PublishedDraw): string[] {
  const problems = [...checkEntries(record, entries), ...checkExcluded(record, entries)];
  if (sha256Hex(canonicalJson(record.definition)) !== record.definitionHash)
    problems.push("the definition does not hash to the record's definitionHash");
  if (record.verifiable || record.seed !== undefined)
    problems.push('the record of an SCA draw claims a seed: SCA draws its winners');
  if (results.length > 0)
    problems.push(`SCA draws the winners, yet ${results.length} results were published`);
  if (record.resultsHash !== resultsHashOf([]) || record.winners !== 0)
    problems.push('the record of an SCA draw has a results hash or winners other than those of no results');
  return problems;
}

function checkEntries(record: PublishedDraw['record'], entries: PublishedDraw['entries']): string[] {
  const problems: string[] = [];
  const sorted = sortEntries(entries);
  if (sorted.some((entry, i) => entry !== entries[i])) problems.push('the entries are not in leaf order');
  if (new Set(entries.map((e) => e.accountId)).size !== entries.length)
    problems.push('an entrant is listed twice');
  if (entriesRoot(sorted) !== record.entriesRoot)
    problems.push(`the entries do not hash to the record's entriesRoot ${record.entriesRoot}`);
  if (entries.length !== record.entrants)
    problems.push(`the record says ${record.entrants} entrants, its entry list has ${entries.length}`);
  const tickets = entries.reduce((sum, entry) => sum + entry.tickets, 0);
  if (tickets !== record.tickets)
    problems.push(`the record says ${record.tickets} tickets, its entries hold ${tickets}`);
  return problems;
}

/** The excluded entrants: in leaf order, each once, each an entrant. */
function checkExcluded(record: PublishedDraw['record'], entries: PublishedDraw['entries']): string[] {
  const excluded = record.excluded ?? [];
  const problems: string[] = [];
  const ascending = (i: number) =>
    Buffer.compare(Buffer.from(excluded[i - 1]!), Buffer.from(excluded[i]!)) < 0;
  if (!excluded.every((_, i) => i === 0 || ascending(i)))
    problems.push('the excluded entrants are not in leaf order, each once');
  const entrants = new Set(entries.map((entry) => entry.accountId));
  for (const accountId of excluded)
    if (!entrants.has(accountId)) problems.push(`excluded ${accountId} is not in the entry list`);
  return problems;
}

const FIELDS = ['outcome', 'prize', 'ticket', 'rank', 'tickets', 'excluded'] as const;

/** Every published result against the recomputed one of the same entrant, naming entrant and field. */
function compareResults(expected: readonly DrawResult[], published: readonly DrawResult[]): string[] {
  const differences: string[] = [];
  const byAccount = new Map(published.map((result) => [result.accountId, result]));
  if (byAccount.size !== published.length) differences.push('an entrant has more than one published result');
  for (const want of expected) {
    const got = byAccount.get(want.accountId);
    byAccount.delete(want.accountId);
    if (got === undefined) {
      differences.push(`entrant ${want.accountId}: no published result (recomputed: rank ${want.rank})`);
      continue;
    }
    for (const field of FIELDS) {
      const [a, b] = [canonicalJson(got[field]), canonicalJson(want[field])];
      if (a !== b) differences.push(`entrant ${want.accountId}: published ${field} ${a}, recomputed ${b}`);
    }
  }
  for (const extra of byAccount.keys()) differences.push(`entrant ${extra}: a published result but no entry`);
  if (differences.length <= MAX_LISTED) return differences;
  return [...differences.slice(0, MAX_LISTED), `… and ${differences.length - MAX_LISTED} more differences`];
}
