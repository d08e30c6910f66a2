import { createHash, hash as oneShotHash } from 'node:crypto';

/** One entrant of a draw record: who, and how many tickets they held. */
export interface RecordEntry {
  accountId: string;
  tickets: number;
}

/** One step of an inclusion proof: the sibling hash and on which side it goes. */
export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);
const HASH_BYTES = 32;

/**
 * sha256 of the first `length` bytes of `bytes`, written at `at` of `into`: one call into Node's crypto with
 * the digest returned as a latin1 string (one character a byte; 'binary' is its name in the types), which costs
 * less than a new Buffer for each of a million leaves and nodes.
 */
function sha256Into(bytes: Buffer, length: number, into: Buffer, at: number): void {
  const input = length === bytes.length ? bytes : bytes.subarray(0, length);
  into.write(oneShotHash('sha256', input, 'binary'), at, HASH_BYTES, 'binary');
}

const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/**
 * Code point order, which is the order of UTF-8 bytes (the leaf order of account ids): UTF-16 code units
 * compare the same way except that surrogates (U+D800–U+DFFF, halves of code points above U+FFFF) must sort
 * after U+E000–U+FFFF. Comparing the strings directly, without encoding them, keeps sorting a million ids fast.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

// Code units from U+D800 up are where UTF-16 order and code point order can part.
const BEYOND_SIMPLE_ORDER = /[\ud800-\uffff]/;
const needsCodePointOrder = (accountId: string) => BEYOND_SIMPLE_ORDER.test(accountId);
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const compareIds = (a: RecordEntry, b: RecordEntry) => compareStrings(a.accountId, b.accountId);

/** Leaves go in ascending order of the UTF-8 bytes of the account id (ids are unique in a draw). */
export function sortEntries<T extends RecordEntry>(entries: readonly T[]): T[] {
  if (!entries.some((e) => needsCodePointOrder(e.accountId))) return [...entries].sort(compareIds);
  return [...entries].sort((a, b) => compareCodePoints(a.accountId, b.accountId));
}

/** Bytes of a leaf's input besides the id: 0x00 and the id's 4-byte length before it, 8 bytes of tickets after. */
const LEAF_FRAME = 13;

/** Bytes of an entry's leaf input: 0x00, the id's 4-byte length and UTF-8, 8 bytes of tickets. */
const leafSize = (accountId: string) => LEAF_FRAME + Buffer.byteLength(accountId);

/**
 * Writes what surrounds an id of `idBytes` bytes already at offset 5 of `into`: 0x00 and the id's length before
 * it, uint64(tickets) after. Returns the length of the leaf input.
 */
function frameLeafInput(into: Buffer, idBytes: number, tickets: number): number {
  into[0] = LEAF[0]!;
  into.writeUInt32BE(idBytes, 1);
  into.writeUInt32BE(Math.floor(tickets / 2 ** 32), 5 + idBytes);
  into.writeUInt32BE(tickets >>> 0, 9 + idBytes);
  return LEAF_FRAME + idBytes;
}

/**
 * Writes 0x00 ‖ lengthPrefixed(accountId) ‖ uint64(tickets), what an entry's leaf hashes, at the start of
 * `into` (at least {@link leafSize} bytes); returns how many bytes it wrote.
 */
function writeLeafInput({ accountId, tickets }: RecordEntry, into: Buffer): number {
  return frameLeafInput(into, into.write(accountId, 5, 'utf8'), tickets);
}

/** sha256(0x00 ‖ lengthPrefixed(accountId) ‖ uint64(tickets)): the leaf of one entry. */
export function entryLeaf(entry: RecordEntry): Buffer {
  const input = Buffer.allocUnsafe(leafSize(entry.accountId));
  writeLeafInput(entry, input);
  return oneShotHash('sha256', input, 'buffer');
}

/**
 * The tree's levels computed in one buffer of 32 bytes per leaf, each level written over the start of the
 * one below (node i reads nodes 2i and 2i + 1, which no earlier write touched): a million entries take 32 MB,
 * not a Buffer object per hash. Pairs hash as sha256(0x01 ‖ left ‖ right); an odd last node moves up
 * unchanged. `onLevel` sees each level (its node count) before it is folded, for proofs.
 */
function foldTree(sorted: readonly RecordEntry[], onLevel?: (nodes: Buffer, count: number) => void): Buffer {
  const nodes = Buffer.allocUnsafe(sorted.length * HASH_BYTES);
  // Each hash's input is assembled in one scratch buffer and hashed into its place: a million leaves and
  // nodes without a Buffer each.
  let scratch = Buffer.allocUnsafe(1 + 2 * HASH_BYTES);
  for (const [i, entry] of sorted.entries()) {
    const size = leafSize(entry.accountId);
    if (scratch.length < size) scratch = Buffer.allocUnsafe(2 * size);
    sha256Into(scratch, writeLeafInput(entry, scratch), nodes, i * HASH_BYTES);
  }
  scratch[0] = NODE[0]!;
  for (let count = sorted.length; count > 1; count = Math.ceil(count / 2)) {
    onLevel?.(nodes, count);
    for (let i = 0; 2 * i < count; i++) {
      const left = 2 * i * HASH_BYTES;
      if (2 * i + 1 < count) {
        nodes.copy(scratch, 1, left, left + 2 * HASH_BYTES);
        sha256Into(scratch, 1 + 2 * HASH_BYTES, nodes, i * HASH_BYTES);
      } else nodes.copy(nodes, i * HASH_BYTES, left, left + HASH_BYTES);
    }
  }
  return nodes.subarray(0, HASH_BYTES);
}

/** A node's hash input: 0x01 ‖ left ‖ right. */
const NODE_INPUT = 1 + 2 * HASH_BYTES;
const LEVELS = 64;

/**
 * The Merkle root of entries given one by one in {@link sortEntries} order, built as they come: each level has
 * one slot holding 0x01 ‖ left ‖ right, where a node waits for its right sibling. A hash is written straight
 * into the slot it goes to and a full slot is hashed where it lies, so nothing is copied, and memory stays at
 * 64 slots however many entries: a million-entrant verifier holds enough else. An odd last node moves up
 * unchanged, as in {@link foldTree}'s levels (the tests check both against each other).
 */
export class EntriesRootBuilder {
  readonly #slots = Buffer.alloc(LEVELS * NODE_INPUT);
  // Each level's slot as a view, made once: a view per hash showed in the profile of a million-entrant record.
  readonly #slotViews = Array.from({ length: LEVELS }, (_, level) =>
    this.#slots.subarray(level * NODE_INPUT, (level + 1) * NODE_INPUT),
  );
  readonly #waits = new Uint8Array(LEVELS);
  #leafInput = Buffer.allocUnsafe(64);
  // The leaf input's view of the last length hashed: a draw's ids are mostly of one length.
  #leafView = this.#leafInput.subarray(0, 0);

  constructor() {
    for (const slot of this.#slotViews) slot[0] = NODE[0]!;
  }

  /** Adds the entry after those added so far. */
  add(entry: RecordEntry): void {
    this.#ensureLeafInput(leafSize(entry.accountId));
    this.#addLeaf(writeLeafInput(entry, this.#leafInput));
  }

  /**
   * Adds the entry whose account id is `bytes[start, end)` as UTF-8, for lists kept packed: the same leaf as
   * {@link add} of that id, without making a string of it.
   */
  addPacked(bytes: Uint8Array, start: number, end: number, tickets: number): void {
    const idBytes = end - start;
    this.#ensureLeafInput(LEAF_FRAME + idBytes);
    const input = this.#leafInput;
    // Ids are a few dozen bytes: a loop costs less than Buffer.copy's checks.
    for (let i = 0; i < idBytes; i++) input[5 + i] = bytes[start + i]!;
    this.#addLeaf(frameLeafInput(input, idBytes, tickets));
  }

  /** The root over the entries added, lowercase hex; sha256 of nothing when none was. */
  root(): string {
    let carried: string | undefined;
    for (let level = 0; level < LEVELS; level++) {
      if (!this.#waits[level]) continue;
      const at = level * NODE_INPUT;
      if (carried === undefined) carried = this.#slots.toString('binary', at + 1, at + 1 + HASH_BYTES);
      else {
        this.#slots.write(carried, at + 1 + HASH_BYTES, HASH_BYTES, 'binary');
        carried = oneShotHash('sha256', this.#slotViews[level]!, 'binary');
      }
    }
    return carried === undefined ? sha256().toString('hex') : Buffer.from(carried, 'binary').toString('hex');
  }

  #ensureLeafInput(size: number): void {
    if (this.#leafInput.length >= size) return;
    this.#leafInput = Buffer.allocUnsafe(2 * size);
    this.#leafView = this.#leafInput.subarray(0, 0);
  }

  #addLeaf(length: number): void {
    if (this.#leafView.length !== length) this.#leafView = this.#leafInput.subarray(0, length);
    // Digests as latin1 strings (one character a byte; 'binary' is its name in the types) are written into
    // their slot without a Buffer each.
    let hash = oneShotHash('sha256', this.#leafView, 'binary');
    for (let level = 0; ; level++) {
      const at = level * NODE_INPUT;
      if (!this.#waits[level]) {
        this.#slots.write(hash, at + 1, HASH_BYTES, 'binary');
        this.#waits[level] = 1;
        return;
      }
      this.#slots.write(hash, at + 1 + HASH_BYTES, HASH_BYTES, 'binary');
      this.#waits[level] = 0;
      hash = oneShotHash('sha256', this.#slotViews[level]!, 'binary');
    }
  }
}

/**
 * The Merkle root over entries already in {@link sortEntries} order (any iterable: made as they are hashed, if
 * need be); sha256 of nothing when empty. See {@link EntriesRootBuilder}.
 */
export function entriesRoot(sorted: Iterable<RecordEntry>): string {
  const builder = new EntriesRootBuilder();
  for (const entry of sorted) builder.add(entry);
  return builder.root();
}

/** The inclusion proof of the entry at `index` of sorted entries, from the leaf up. */
export function inclusionProof(sorted: readonly RecordEntry[], index: number): ProofStep[] {
  const proof: ProofStep[] = [];
  let at = index;
  foldTree(sorted, (nodes, count) => {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < count) {
      const hash = nodes.toString('hex', sibling * HASH_BYTES, (sibling + 1) * HASH_BYTES);
      proof.push({ side: at % 2 === 0 ? 'right' : 'left', hash });
    }
    at = Math.floor(at / 2);
  });
  return proof;
}

/** The root an entry and its proof lead to: equal to the record's root when the entry is in it. */
export function rootFromProof(entry: RecordEntry, proof: readonly ProofStep[]): string {
  let hash = entryLeaf(entry);
  for (const { side, hash: sibling } of proof) {
    const other = Buffer.from(sibling, 'hex');
    hash = side === 'right' ? sha256(NODE, hash, other) : sha256(NODE, other, hash);
  }
  return hash.toString('hex');
}
