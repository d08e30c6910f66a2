import {
  canonicalJson,
  DRAW_SCHEME,
  type DrawRecord,
  type DrawResult,
  type RecordEntry,
  resultsHashOf,
  seedCommitmentOf,
  sha256Hex,
} from '@prizedraw/events';
import { checkEntries, checkExcluded, entryIndex } from './entry-checks';
import { type ExpectedResult, type ExpectedResults, expectResults } from './expected-results';
import type { PublishedDraw } from './published-draw';

// Differences listed in full beyond this many would drown the first ones.
const MAX_LISTED = 10;

const FIELDS = ['outcome', 'prize', 'ticket', 'rank', 'tickets', 'excluded'] as const;

/**
 * Checks a published draw against the scheme of docs/verifiable-draws.md: the seed against the definition's
 * commitment, the definition's hash, the entry list against its Merkle root and the counts, every entrant's
 * tickets recomputed from the seed, the winners and ranks recomputed with the definition's rules (an excluded
 * entrant's tickets take no prize) and compared with the published results, and the results hash. Each
 * problem names what differs. An SCA draw's record has no seed and no results.
 *
 * The record and its entries are checked when it is made; the published results are then given one at a
 * time ({@link DrawVerifier.result}), as they are read, and never held: a draw of a million entrants is
 * verified in the memory of its entry list and a few typed arrays.
 */
export class DrawVerifier {
  readonly #record: DrawRecord;
  readonly #entries: readonly RecordEntry[];
  readonly #problems: string[] = [];
  /** The differences of published results listed (the highest ranked ones), and how many there were in all. */
  readonly #differences: { rank: number; text: string }[] = [];
  #differenceCount = 0;
  readonly #expected: ExpectedResults | undefined;
  readonly #seen: Uint8Array;
  /** Whether a published result differs from the expected one in a field the results hash covers. */
  #hashedDiffers = false;
  #published = 0;
  #winners = 0;
  /** The entry index of an account id, undefined for one that did not enter. */
  readonly indexOf: (accountId: string) => number | undefined;

  constructor(record: DrawRecord, entries: readonly RecordEntry[]) {
    [this.#record, this.#entries] = [record, entries];
    this.indexOf = entryIndex(entries);
    this.#seen = new Uint8Array(entries.length);
    const problems = this.#problems;
    if (record.scheme !== DRAW_SCHEME)
      problems.push(`the record follows scheme ${record.scheme}, not ${DRAW_SCHEME}`);
    if (record.definition.administrator === 'sca') {
      problems.push(...checkEntries(record, entries), ...checkExcluded(record, this.indexOf));
      this.#checkDefinitionHash();
      if (record.verifiable || record.seed !== undefined)
        problems.push('the record of an SCA draw claims a seed: SCA draws its winners');
      if (record.resultsHash !== resultsHashOf([]) || record.winners !== 0)
        problems.push(
          'the record of an SCA draw has a results hash or winners other than those of no results',
        );
      return;
    }
    if (!record.verifiable || record.seed === undefined) {
      problems.push(
        `draw ${record.drawId} is not verifiable: ${record.reason ?? 'the record reveals no seed'}`,
      );
      return;
    }
    const seed = Buffer.from(record.seed, 'hex');
    if (seedCommitmentOf(seed) !== record.definition.seedCommitment)
      problems.push(
        `the revealed seed does not match the definition's seedCommitment ${record.definition.seedCommitment}`,
      );
    this.#checkDefinitionHash();
    problems.push(...checkEntries(record, entries), ...checkExcluded(record, this.indexOf));
    const excluded = new Uint8Array(entries.length);
    for (const accountId of record.excluded ?? []) {
      const i = this.indexOf(accountId);
      if (i !== undefined) excluded[i] = 1;
    }
    this.#expected = expectResults(record, entries, seed, excluded);
  }

  #checkDefinitionHash() {
    if (sha256Hex(canonicalJson(this.#record.definition)) !== this.#record.definitionHash)
      this.#problems.push("the definition does not hash to the record's definitionHash");
  }

  /** Compares one published result of the draw (in any order) with the recomputed one of its entrant. */
  result(got: DrawResult): void {
    this.#published++;
    if (got.outcome === 'won') this.#winners++;
    const expected = this.#expected;
    if (expected === undefined) return;
    // The entrant the recomputed ranking has at the published rank, if it is them; else found by id.
    const atRank = expected.ownerAtRank(got.rank);
    const i =
      atRank !== undefined && this.#entries[atRank]?.accountId === got.accountId
        ? atRank
        : this.indexOf(got.accountId);
    if (i === undefined || this.#seen[i]) {
      this.#hashedDiffers = true;
      const what = i === undefined ? 'a published result but no entry' : 'more than one published result';
      this.#differ(Number.POSITIVE_INFINITY, () => `entrant ${got.accountId}: ${what}`);
      return;
    }
    this.#seen[i] = 1;
    const want = expected.resultOf(i);
    if (sameResult(got, want)) return;
    for (const field of FIELDS) {
      if (field === 'prize' ? samePrize(got.prize, want.prize) : got[field] === want[field]) continue;
      const [a, b] = [canonicalJson(got[field]), canonicalJson(want[field])];
      if (a === b) continue;
      if (field !== 'excluded') this.#hashedDiffers = true;
      this.#differ(want.rank, () => `entrant ${got.accountId}: published ${field} ${a}, recomputed ${b}`);
    }
  }

  /** Every problem found, after the last published result; none when the draw is verified. */
  problems(): string[] {
    const problems = [...this.#problems];
    const record = this.#record;
    if (record.definition.administrator === 'sca') {
      if (this.#published > 0)
        problems.push(`SCA draws the winners, yet ${this.#published} results were published`);
      return problems;
    }
    const expected = this.#expected;
    if (expected === undefined) return problems;
    this.#seen.forEach((seen, i) => {
      if (seen) return;
      this.#hashedDiffers = true;
      const { accountId } = this.#entries[i]!;
      const rank = expected.rankOf(i);
      this.#differ(rank, () => `entrant ${accountId}: no published result (recomputed: rank ${rank})`);
    });
    problems.push(...this.#differences.map(({ text }) => text));
    const more = this.#differenceCount - this.#differences.length;
    if (more > 0) problems.push(`… and ${more} more differences`);
    problems.push(...this.#resultsHashProblems(expected));
    if (this.#winners !== record.winners)
      problems.push(`the record says ${record.winners} winners, the results have ${this.#winners}`);
    return problems;
  }

  /**
   * Published results equal to the recomputed ones in every hashed field, one per entrant, hash as those do:
   * comparing them field by field checks their hash without holding them to sort by rank.
   */
  #resultsHashProblems(expected: ExpectedResults): string[] {
    const recomputedMatch = expected.resultsHash === this.#record.resultsHash;
    if (recomputedMatch && !this.#hashedDiffers) return [];
    // Published results that differ from recomputed ones that do not match either: what they hash to is not
    // known without holding them, only that the draw is not what the record says.
    if (!recomputedMatch && this.#hashedDiffers)
      return ["the recomputed results do not hash to the record's resultsHash"];
    return ["the published results do not hash to the record's resultsHash"];
  }

  /**
   * Lists a difference if it is among the highest ranked ones (recomputed rank; a result without an entrant
   * last), else only counts it: a wrong seed makes a million, and winners' differences matter first.
   */
  #differ(rank: number, text: () => string) {
    this.#differenceCount++;
    const listed = this.#differences;
    if (listed.length === MAX_LISTED && listed[MAX_LISTED - 1]!.rank <= rank) return;
    let at = listed.length;
    while (at > 0 && listed[at - 1]!.rank > rank) at--;
    listed.splice(at, 0, { rank, text: text() });
    if (listed.length > MAX_LISTED) listed.pop();
  }
}

/** Every compared field equal, as the usual case is: field by field, without a lookup by name. */
const sameResult = (got: DrawResult, want: ExpectedResult) =>
  got.ticket === want.ticket &&
  got.rank === want.rank &&
  got.outcome === want.outcome &&
  got.tickets === want.tickets &&
  got.excluded === want.excluded &&
  samePrize(got.prize, want.prize);

/** What canonicalJson would find equal, without it for the usual case: both null, or the same two members. */
const samePrize = (a: DrawResult['prize'], b: ExpectedResult['prize']) =>
  a === b ||
  (a !== null && b !== null && Object.keys(a).length === 2 && a.prizeId === b.prizeId && a.name === b.name);

/** Verifies a draw held whole in memory (tests; `prizedraw verify` streams the results instead). */
export function verifyPublishedDraw({ record, entries, results }: PublishedDraw): { problems: string[] } {
  const verifier = new DrawVerifier(record, entries);
  for (const result of results) verifier.result(result);
  return { problems: verifier.problems() };
}
