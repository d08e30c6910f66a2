import { canonicalJson, type LineOutcome, resultLines } from '@prizedraw/events';
import type { DrawResultData } from './draw-result-of';
import type { DrawStatus } from './draw-status';
import { EntrantList } from './entrant-list';

/**
 * What a draw record needs of a draw's entrants, gathered in rank order: each entrant's account id and ticket
 * count, who was excluded, and the hash of the result lines. The emission fills one as its results go out,
 * so completing the draw need not walk a million run entries again; `through` says how far it got, which is
 * how a tally that missed a slice (another process emitted it, or its transaction was aborted) is told apart.
 */
export class RecordTally {
  readonly entrants: EntrantList;
  readonly excluded: string[] = [];
  /** The rank of the last run entry walked into the tally (results skip a customer's repeated entries). */
  through = 0;
  readonly #lines: ReturnType<typeof resultLines>;
  // The outcome of the last prize object seen: a draw's results share the default prize's object (and null),
  // so a result's prize is written as JSON once per slice, not once per result. Results are not changed
  // after they are made, so the same object is the same prize.
  #lastPrize: DrawResultData['prize'] | undefined;
  #lastOutcome: LineOutcome | undefined;

  constructor(status: DrawStatus) {
    this.#lines = resultLines(status.drawId);
    // Every run entry is an entrant unless a customer holds several: room for that many at once.
    this.entrants = new EntrantList(status.runEnds.reduce((sum, end) => sum + end.entries, 0));
  }

  /** An entrant without a result: an SCA draw's, whose winners SCA draws. */
  addEntrant(accountId: string, tickets: number, excluded: boolean | undefined): void {
    this.entrants.push(accountId, tickets);
    if (excluded) this.excluded.push(accountId);
  }

  /**
   * An entrant's one result, the next in rank order. Gives back the result's data as JSON when its line in the
   * results hash (its contract fields as canonical JSON) is the whole of it, so the data need not be written
   * again; undefined when the result has a field the hash does not cover (`excluded`, `prizes`).
   */
  addResult(result: DrawResultData): string | undefined {
    const { accountId, outcome, prize, rank, ticket, tickets, excluded } = result;
    this.addEntrant(accountId, tickets, excluded);
    if (prize !== this.#lastPrize || outcome !== this.#lastOutcome?.outcome) {
      this.#lastPrize = prize;
      this.#lastOutcome = { outcome, prizeJson: canonicalJson(prize) };
    }
    const line = this.#lines.add(accountId, this.#lastOutcome!, rank, ticket, tickets);
    return excluded === undefined && result.prizes === undefined ? line : undefined;
  }

  /** sha256 of the result lines added, lowercase hex; the tally takes no more results after it. */
  resultsHash(): string {
    return this.#lines.digest();
  }
}

/**
 * The tally the draw's next emission slice adds its results to: the one kept so far, if this process emitted
 * every result before the slice; a new one when the emission starts. A tally that does not reach exactly the
 * stored progress is dropped (another process emitted a slice, or a slice's transaction was aborted after the
 * tally took its results), and the record is then built from one more walk of the runs. Until the slice is
 * done its tally matches no progress, so one that fails halfway is never used.
 */
export function tallyForSlice(
  tallies: Map<string, RecordTally>,
  status: DrawStatus,
): RecordTally | undefined {
  const { drawId, emit } = status;
  let tally = tallies.get(drawId);
  if (tally?.through !== emit!.rank) {
    tallies.delete(drawId);
    if (emit!.rank !== 0) return undefined;
    tally = new RecordTally(status);
    tallies.set(drawId, tally);
  }
  tally.through = Number.NaN;
  return tally;
}
