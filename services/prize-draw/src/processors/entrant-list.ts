import { EntriesRootBuilder, type RecordEntry } from '@prizedraw/events';
import { sortByBytes, startOf } from './sort-by-bytes';

// Room for this many bytes of account id per expected entrant before the id buffer first has to grow.
const ID_BYTES_GUESS = 16;

/**
 * A draw record's entrants, packed: every account id's UTF-8 bytes in one buffer, where each ends in a
 * Uint32Array, and the ticket counts in a Float64Array. A million entrants take ~30 MB outside the heap,
 * where a string, an array slot and a number each took ~55 MB of prize-draw's heap (and more while the
 * arrays grew), at the peak of its draw. The leaf order is the bytes' order, so sorting reads them directly,
 * and faster than a million strings compare.
 */
export class EntrantList {
  #bytes: Buffer;
  #ends: Uint32Array;
  #tickets: Float64Array;
  #count = 0;

  /** `expected`: how many entrants to make room for at once (the list grows past it when needed). */
  constructor(expected: number) {
    const capacity = Math.max(expected, 16);
    this.#bytes = Buffer.allocUnsafe(capacity * ID_BYTES_GUESS);
    this.#ends = new Uint32Array(capacity);
    this.#tickets = new Float64Array(capacity);
  }

  get count(): number {
    return this.#count;
  }

  push(accountId: string, tickets: number): void {
    if (this.#count === this.#ends.length) this.#growEntries();
    const at = startOf(this.#ends, this.#count);
    const size = Buffer.byteLength(accountId, 'utf8');
    if (at + size > this.#bytes.length) this.#growBytes(at + size);
    this.#bytes.write(accountId, at, 'utf8');
    this.#ends[this.#count] = at + size;
    this.#tickets[this.#count] = tickets;
    this.#count++;
  }

  /** The entrants at `order[from, to)` (indexes in the order pushed). */
  entries(order: Uint32Array, from: number, to: number): RecordEntry[] {
    const entries: RecordEntry[] = [];
    for (let i = from; i < to; i++) {
      const index = order[i]!;
      const accountId = this.#bytes.toString('utf8', startOf(this.#ends, index), this.#ends[index]);
      entries.push({ accountId, tickets: this.#tickets[index]! });
    }
    return entries;
  }

  /** The Merkle root of the entrants in `order` (their leaf order), hashed from the packed bytes. */
  entriesRoot(order: Uint32Array): string {
    const builder = new EntriesRootBuilder();
    for (const index of order)
      builder.addPacked(this.#bytes, startOf(this.#ends, index), this.#ends[index]!, this.#tickets[index]!);
    return builder.root();
  }

  /** The entrants' indexes in the Merkle tree's leaf order: ascending UTF-8 bytes of the account id. */
  leafOrder(): Uint32Array {
    const order = new Uint32Array(this.#count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    sortByBytes(order, { bytes: this.#bytes, ends: this.#ends });
    return order;
  }

  #growEntries(): void {
    const capacity = this.#ends.length * 2;
    const ends = new Uint32Array(capacity);
    ends.set(this.#ends);
    this.#ends = ends;
    const tickets = new Float64Array(capacity);
    tickets.set(this.#tickets);
    this.#tickets = tickets;
  }

  #growBytes(needed: number): void {
    const bytes = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
    this.#bytes.copy(bytes, 0, 0, startOf(this.#ends, this.#count));
    this.#bytes = bytes;
  }
}
