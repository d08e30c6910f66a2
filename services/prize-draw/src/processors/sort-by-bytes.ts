// Below this many ids a range is sorted by insertion: 256 buckets cost more than they save.
const INSERTION_BELOW = 32;

/** Packed ids: the id at index i is `bytes[startOf(ends, i), ends[i])`. */
interface PackedIds {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** Where the packed id at `index` starts: where the one before it ends. */
export const startOf = (ends: Uint32Array, index: number): number => (index === 0 ? 0 : ends[index - 1]!);

/**
 * Sorts `order` (indexes of packed ids) into ascending byte order of the ids, shorter first where one is a
 * prefix of the other: a most-significant-byte radix sort, which reads each id's bytes about once instead of
 * comparing ids twenty times each (a million ids of the benchmark's shape: 0.44 s against 1.14 s with a
 * comparing sort, on a machine busy with a benchmark).
 */
export function sortByBytes(order: Uint32Array, ids: PackedIds): void {
  radixSort(order, new Uint32Array(order.length), ids, 0, order.length, 0);
}

/** Sorts `order[from, to)`, whose ids agree on their first `depth` bytes, by the bytes from `depth` on. */
function radixSort(
  order: Uint32Array,
  scratch: Uint32Array,
  ids: PackedIds,
  from: number,
  to: number,
  depth: number,
): void {
  if (to - from < INSERTION_BELOW) {
    insertionSort(order, ids, from, to, depth);
    return;
  }
  // Bucket 0 holds ids that end before `depth`; bucket b + 1 those whose byte at `depth` is b.
  const starts = new Uint32Array(258);
  for (let k = from; k < to; k++) starts[bucketOf(ids, order[k]!, depth) + 1]!++;
  // A byte every id shares (a common prefix such as `acc-000`) needs no moving: on to the next one.
  const shared = starts.indexOf(to - from);
  if (shared > 0) {
    if (shared > 1) radixSort(order, scratch, ids, from, to, depth + 1);
    return;
  }
  starts[0] = from;
  for (let b = 1; b < 258; b++) starts[b]! += starts[b - 1]!;
  const next = starts.slice(0, 257);
  for (let k = from; k < to; k++) scratch[next[bucketOf(ids, order[k]!, depth)]!++] = order[k]!;
  order.set(scratch.subarray(from, to), from);
  // Ids that ended are equal to each other; every other bucket is sorted on the next byte.
  for (let b = 1; b < 257; b++) {
    if (starts[b + 1]! - starts[b]! > 1)
      radixSort(order, scratch, ids, starts[b]!, starts[b + 1]!, depth + 1);
  }
}

function bucketOf({ bytes, ends }: PackedIds, id: number, depth: number): number {
  const at = startOf(ends, id) + depth;
  return at < ends[id]! ? bytes[at]! + 1 : 0;
}

function insertionSort(order: Uint32Array, ids: PackedIds, from: number, to: number, depth: number): void {
  for (let k = from + 1; k < to; k++) {
    const id = order[k]!;
    let j = k;
    for (; j > from && compareFrom(ids, order[j - 1]!, id, depth) > 0; j--) order[j] = order[j - 1]!;
    order[j] = id;
  }
}

/** Compares two ids by their bytes from `depth` on. */
function compareFrom({ bytes, ends }: PackedIds, a: number, b: number, depth: number): number {
  let i = startOf(ends, a) + depth;
  let j = startOf(ends, b) + depth;
  const endA = ends[a]!;
  const endB = ends[b]!;
  for (; i < endA && j < endB; i++, j++) if (bytes[i] !== bytes[j]) return bytes[i]! - bytes[j]!;
  // One id is a prefix of the other: the shorter goes first.
  return endA - i - (endB - j);
}
