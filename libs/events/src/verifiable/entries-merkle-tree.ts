import { createHash } from 'node:crypto';
import { lengthPrefixed, uint64 } from './draw-scheme';

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

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** Leaves go in ascending order of the UTF-8 bytes of the account id (ids are unique in a draw). */
export function sortEntries<T extends RecordEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) =>
    Buffer.compare(Buffer.from(a.accountId, 'utf8'), Buffer.from(b.accountId, 'utf8')),
  );
}

/** sha256(0x00 ‖ lengthPrefixed(accountId) ‖ uint64(tickets)): the leaf of one entry. */
export function entryLeaf({ accountId, tickets }: RecordEntry): Buffer {
  return sha256(LEAF, lengthPrefixed(accountId), uint64(tickets));
}

/** One level up: pairs hash as sha256(0x01 ‖ left ‖ right); an odd last node moves up unchanged. */
function levelUp(level: readonly Buffer[]): Buffer[] {
  const up: Buffer[] = [];
  for (let i = 0; i < level.length; i += 2)
    up.push(i + 1 < level.length ? sha256(NODE, level[i]!, level[i + 1]!) : level[i]!);
  return up;
}

/** The Merkle root over entries already in {@link sortEntries} order; sha256 of nothing when empty. */
export function entriesRoot(sorted: readonly RecordEntry[]): string {
  if (sorted.length === 0) return sha256().toString('hex');
  let level = sorted.map(entryLeaf);
  while (level.length > 1) level = levelUp(level);
  return level[0]!.toString('hex');
}

/** The inclusion proof of the entry at `index` of sorted entries, from the leaf up. */
export function inclusionProof(sorted: readonly RecordEntry[], index: number): ProofStep[] {
  const proof: ProofStep[] = [];
  let level = sorted.map(entryLeaf);
  let at = index;
  while (level.length > 1) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < level.length)
      proof.push({ side: at % 2 === 0 ? 'right' : 'left', hash: level[sibling]!.toString('hex') });
    level = levelUp(level);
    at = Math.floor(at / 2);
  }
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
