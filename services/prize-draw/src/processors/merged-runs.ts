import type { DrawStore, RunColumns, StoredRunEntry } from '../adapters/draw-store';

/** One entry of the merged runs, with the wallet partition and position it came from. */
export interface MergedEntry extends StoredRunEntry {
  partition: number;
  seq: number;
}

/** Where one partition's run is being read: the chunk in hand and the position in it. */
interface Cursor {
  readonly partition: number;
  readonly chunks: AsyncGenerator<[number, RunColumns]>;
  columns: RunColumns;
  /** The chunk's excluded positions, when it has any. */
  excluded: ReadonlySet<number> | undefined;
  firstSeq: number;
  index: number;
}

const NO_COLUMNS: RunColumns = { tickets: [], customerIds: [], counts: [] };

interface Head {
  entry: MergedEntry;
  cursor: Cursor;
}

// Highest ticket first; lowercase UUID strings compare as their values. Equal tickets (128 random bits:
// practically never) go by partition, so the order is the same on every replay.
const before = (a: MergedEntry, b: MergedEntry) =>
  a.ticket > b.ticket || (a.ticket === b.ticket && a.partition < b.partition);

/**
 * A k-way merge of a draw's stored runs, highest ticket first: one store iterator per wallet partition and
 * a binary heap of their heads, so memory stays at one entry per partition however long the runs are. It
 * starts at `positions` (next seq per partition) and reports them as it goes, which is what makes a draw
 * resumable. Close it when done: it holds store iterators open.
 */
export class MergedRuns {
  readonly #positions: number[];
  readonly #heap: Head[] = [];
  readonly #cursors: Cursor[] = [];

  private constructor(positions: readonly number[]) {
    this.#positions = [...positions];
  }

  static async open(store: DrawStore, drawId: string, positions: readonly number[]): Promise<MergedRuns> {
    const merged = new MergedRuns(positions);
    for (const [partition, fromSeq] of positions.entries()) {
      const chunks = store.runChunks(drawId, partition, fromSeq);
      const cursor: Cursor = {
        partition,
        chunks,
        columns: NO_COLUMNS,
        excluded: undefined,
        firstSeq: fromSeq,
        index: 0,
      };
      merged.#cursors.push(cursor);
      await merged.#advance(cursor);
    }
    return merged;
  }

  /** The next positions to read per partition: everything before them was returned by {@link next}. */
  positions(): number[] {
    return [...this.#positions];
  }

  /** True once every run is exhausted. */
  get exhausted(): boolean {
    return this.#heap.length === 0;
  }

  /** The highest entry not returned yet, or undefined when every run is exhausted. */
  async next(): Promise<MergedEntry | undefined> {
    const top = this.#heap[0];
    if (top === undefined) return undefined;
    const last = this.#heap.pop()!;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#siftDown(0);
    }
    this.#positions[top.entry.partition] = top.entry.seq + 1;
    // Within a chunk the next entry is at hand: only the end of a chunk waits for the store.
    if (top.cursor.index < top.cursor.columns.tickets.length) this.#pushHead(top.cursor);
    else await this.#advance(top.cursor);
    return top.entry;
  }

  async close(): Promise<void> {
    for (const cursor of this.#cursors) await cursor.chunks.return(undefined);
  }

  /** Reads the cursor's next chunk, if any, and puts its first entry on the heap. */
  async #advance(cursor: Cursor): Promise<void> {
    const next = await cursor.chunks.next();
    if (next.done) return;
    [cursor.firstSeq, cursor.columns] = next.value;
    cursor.excluded = cursor.columns.excluded && new Set(cursor.columns.excluded);
    cursor.index = 0;
    this.#pushHead(cursor);
  }

  #pushHead(cursor: Cursor): void {
    const { partition, firstSeq, index, columns } = cursor;
    // Built field by field (not spread): every merged entry has the same shape, a million of them per walk.
    const entry: MergedEntry = {
      ticket: columns.tickets[index]!,
      customerId: columns.customerIds[index]!,
      tickets: columns.counts[index]!,
      partition,
      seq: firstSeq + index,
    };
    if (cursor.excluded?.has(index)) entry.excluded = true;
    cursor.index++;
    this.#heap.push({ entry, cursor });
    this.#siftUp(this.#heap.length - 1);
  }

  #siftUp(index: number): void {
    const heap = this.#heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!.entry, heap[parent]!.entry)) return;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  #siftDown(index: number): void {
    const heap = this.#heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let top = index;
      if (left < heap.length && before(heap[left]!.entry, heap[top]!.entry)) top = left;
      if (right < heap.length && before(heap[right]!.entry, heap[top]!.entry)) top = right;
      if (top === index) return;
      [heap[index], heap[top]] = [heap[top]!, heap[index]!];
      index = top;
    }
  }
}
