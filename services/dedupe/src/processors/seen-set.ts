import type { KeyValueStore } from '@prizedraw/stream';
import { drawIdOfExpiryKey, drawIndexKey, drawSeenRange, expiredRange, expiryKey } from './seen-keys';

/** Why dedupe dropped an activity. */
export type DropReason = 'duplicate' | 'email';

/** What the seen-set keeps per draw: when its marks expire and how many activities it dropped. */
export interface DrawSeenIndex {
  readonly closesAt: string;
  /** closesAt + retention, epoch ms: from then on the draw's marks are deleted. */
  readonly expiresAt: number;
  /** Repeats of an activity already seen. */
  readonly duplicates: number;
  /** Entries dropped because their email already entered the draw. */
  readonly emailRepeats: number;
}

const SEEN = 1;

/**
 * The seen-set in a store (layout in `seen-keys.ts`): marks per draw, a small per-draw index, and an expiry
 * index ordered by time, so expiring a draw reads only that draw's keys.
 */
export class SeenSet {
  readonly #store: KeyValueStore<unknown>;
  readonly #retentionMs: number;

  constructor(store: KeyValueStore<unknown>, retentionMs: number) {
    this.#store = store;
    this.#retentionMs = retentionMs;
  }

  async has(key: string): Promise<boolean> {
    return (await this.#store.get(key)) !== undefined;
  }

  mark(key: string): void {
    this.#store.put(key, SEEN);
  }

  /** The draw's index entry; created, or moved in the expiry index when the draw's closesAt changed. */
  async track(drawId: string, closesAt: string): Promise<DrawSeenIndex> {
    const key = drawIndexKey(drawId);
    const known = (await this.#store.get(key)) as DrawSeenIndex | undefined;
    const expiresAt = Date.parse(closesAt) + this.#retentionMs;
    if (known && known.expiresAt === expiresAt) return known;
    if (known) this.#store.delete(expiryKey(known.expiresAt, drawId));
    const index = { duplicates: 0, emailRepeats: 0, ...known, closesAt, expiresAt };
    this.#store.put(key, index);
    this.#store.put(expiryKey(expiresAt, drawId), SEEN);
    return index;
  }

  countDrop(drawId: string, index: DrawSeenIndex, reason: DropReason): void {
    const counted =
      reason === 'duplicate'
        ? { ...index, duplicates: index.duplicates + 1 }
        : { ...index, emailRepeats: index.emailRepeats + 1 };
    this.#store.put(drawIndexKey(drawId), counted);
  }

  /**
   * Deletes the marks of draws whose expiresAt ≤ now, at most `budget` keys (a big draw takes several
   * calls; its index entries go with its last mark). Returns how many marks it deleted.
   */
  async expire(now: number, budget: number): Promise<number> {
    const due: string[] = [];
    for await (const [key] of this.#store.range(expiredRange(now))) due.push(key);
    let deleted = 0;
    for (const expiry of due) {
      const drawId = drawIdOfExpiryKey(expiry);
      const marks: string[] = [];
      for await (const [key] of this.#store.range({ ...drawSeenRange(drawId), limit: budget - deleted })) {
        marks.push(key);
      }
      for (const key of marks) this.#store.delete(key);
      deleted += marks.length;
      if (deleted >= budget) return deleted;
      this.#store.delete(expiry);
      this.#store.delete(drawIndexKey(drawId));
    }
    return deleted;
  }
}
