import { createHash } from 'node:crypto';
import { entriesRoot, leafOrderOf, type RecordEntry } from '@prizedraw/events';

// Result lines are hashed some 64 KB (a few hundred lines) at a time: the same digest as line by line, in
// fewer calls.
const HASHED_CHARS = 64 * 1024;

/**
 * What a draw record takes from its entrants, with the entries as columns in leaf order (ascending UTF-8
 * bytes of the account id): the account ids end to end, where each ends, and their ticket counts. Columns,
 * because a million entry objects cost memory and, passed from a worker thread, seconds of cloning, while
 * these arrays move between threads without a copy.
 */
export interface CollectedColumns {
  ids: string;
  idEnds: Uint32Array<ArrayBuffer>;
  tickets: Float64Array<ArrayBuffer>;
  /** The entrants excluded at draw time, in rank order. */
  excluded: string[];
  /** sha256 over the results' lines in rank order (that of none for a draw without results), hex. */
  resultsHash: string;
  /** Merkle root of the entries. */
  entriesRoot: string;
}

/** A record's collected entries as objects, in leaf order. */
export function entriesOf({ ids, idEnds, tickets }: CollectedColumns): RecordEntry[] {
  let start = 0;
  return Array.from(idEnds, (end, i) => {
    const accountId = ids.slice(start, end);
    start = end;
    return { accountId, tickets: tickets[i]! };
  });
}

/**
 * Gathers a draw record's entry list, exclusions, results hash and entries root from the entrants in rank
 * order. Memory: an id and a number per entrant, then 16 bytes each for the columns.
 */
export class RecordCollector {
  readonly #ids: string[] = [];
  readonly #tickets: number[] = [];
  readonly #excluded: string[] = [];
  readonly #results = createHash('sha256');
  #lines = '';

  /** The next entrant. */
  add(accountId: string, tickets: number, excluded: boolean): void {
    this.#ids.push(accountId);
    this.#tickets.push(tickets);
    if (excluded) this.#excluded.push(accountId);
  }

  /** The next results' lines (whole lines, in rank order; none for a draw without results). */
  hashResults(lines: string): void {
    this.#lines += lines;
    if (this.#lines.length >= HASHED_CHARS) {
      this.#results.update(this.#lines);
      this.#lines = '';
    }
  }

  /** What was collected; the collector is spent. */
  finish(): CollectedColumns {
    this.#results.update(this.#lines);
    const ids = this.#ids;
    const compare = leafOrderOf(ids);
    const order = new Uint32Array(ids.length).map((_, i) => i).sort((a, b) => compare(ids[a]!, ids[b]!));
    const idEnds = new Uint32Array(ids.length);
    const tickets = new Float64Array(ids.length);
    let end = 0;
    const sortedIds = Array.from(order, (index, i) => {
      end += ids[index]!.length;
      idEnds[i] = end;
      tickets[i] = this.#tickets[index]!;
      return ids[index]!;
    });
    return {
      ids: sortedIds.join(''),
      idEnds,
      tickets,
      excluded: this.#excluded,
      resultsHash: this.#results.digest('hex'),
      entriesRoot: entriesRoot(entriesIn(sortedIds, tickets)),
    };
  }
}

/** The entries of the columns, in one object reused from entry to entry (what the Merkle tree reads at once). */
function* entriesIn(ids: readonly string[], tickets: Float64Array): Generator<RecordEntry> {
  const entry = { accountId: '', tickets: 0 };
  for (let i = 0; i < ids.length; i++) {
    entry.accountId = ids[i]!;
    entry.tickets = tickets[i]!;
    yield entry;
  }
}
