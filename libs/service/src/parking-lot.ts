import type { DrawDefined, ValidatedEvent } from '@prizedraw/events';
import type { KeyValueStore } from '@prizedraw/stream';
import type { DrawDefinitions } from './draw-definitions';
import {
  type ParkingSlot,
  parkedKey,
  parkedRange,
  parkingExpiredRange,
  parkingExpiryKey,
} from './parking-keys';
import { type PromoWindow, releaseWindows } from './release-windows';

const RELEASE_PAGE = 1_000;

/** A record waiting in a {@link ParkingLot} for a draw it may count for. */
export interface Parked {
  /** The record key it arrived with. */
  readonly key: string | null;
  readonly event: ValidatedEvent;
  readonly promoCode: string;
  /** When it happened, epoch ms. */
  readonly occurredAt: number;
  /** When it was parked and when it gives up waiting, epoch ms (wall clock). */
  readonly parkedAt: number;
  readonly expiresAt: number;
}

/** Called with a record whose draws are now known, and those draws (found just before the call). */
export type Release = (parked: Parked, draws: DrawDefined[]) => Promise<void>;

/**
 * Activity that matched no known draw, kept in a changelog-backed store of the task until a draw of its
 * promotion open at its time is defined (then released, in time order, to be processed as normal) or until
 * its retention passes (then expired). One lot per task; it remembers which version of the definitions
 * table it last looked at, so a fresh lot (a restart, a partition moved here) looks at every draw once.
 */
export class ParkingLot {
  readonly #store: KeyValueStore<unknown>;
  readonly #definitions: DrawDefinitions;
  readonly #retentionMs: number;
  #lookedAt = 0;

  constructor(store: KeyValueStore<unknown>, definitions: DrawDefinitions, retentionMs: number) {
    this.#store = store;
    this.#definitions = definitions;
    this.#retentionMs = retentionMs;
  }

  /** Parks a record at `slot` until now + retention. */
  park(slot: ParkingSlot, key: string | null, event: ValidatedEvent, now: number): Parked {
    const parked: Parked = {
      key,
      event,
      promoCode: slot.promoCode,
      occurredAt: slot.occurredAt,
      parkedAt: now,
      expiresAt: now + this.#retentionMs,
    };
    const at = parkedKey(slot);
    this.#store.put(at, parked);
    this.#store.put(parkingExpiryKey(parked.expiresAt, at), at);
    return parked;
  }

  /**
   * Releases every parked record that a draw defined (or redefined) since the last look may count, oldest
   * occurrence first, until the table holds still. When the table did not change it costs one comparison
   * and returns undefined (no promise: it runs for every record).
   */
  releaseChanged(release: Release): Promise<void> | undefined {
    if (this.#definitions.version() === this.#lookedAt) return undefined;
    return this.#releaseUntilStill(release);
  }

  /**
   * Deletes the records whose retention passed at `now`, at most `budget` of them, handing each to
   * `onExpired` first; returns how many.
   */
  async expire(now: number, budget: number, onExpired: (parked: Parked) => Promise<void>): Promise<number> {
    const due: [string, string][] = [];
    for await (const [key, at] of this.#store.range({ ...parkingExpiredRange(now), limit: budget })) {
      due.push([key, at as string]);
    }
    for (const [expiry, at] of due) {
      const parked = (await this.#store.get(at)) as Parked | undefined;
      this.#store.delete(expiry);
      if (!parked) continue;
      this.#store.delete(at);
      await onExpired(parked);
    }
    return due.length;
  }

  // The table may change during the awaits of a release (its reader runs meanwhile): look again until not.
  async #releaseUntilStill(release: Release): Promise<void> {
    while (this.#definitions.version() !== this.#lookedAt) {
      const changed = this.#definitions.changedSince(this.#lookedAt);
      this.#lookedAt = this.#definitions.version();
      for (const window of releaseWindows(changed)) await this.#releaseIn(window, release);
    }
  }

  // Page by page, so a draw defined after a million records of its promotion does not hold them all in memory.
  async #releaseIn({ promoCode, opensAt, closesAt }: PromoWindow, release: Release): Promise<void> {
    const { gte, lt } = parkedRange(promoCode, opensAt, closesAt);
    let after: string | undefined;
    for (;;) {
      const page: [string, Parked][] = [];
      const bounds = after === undefined ? { gte, lt } : { gt: after, lt };
      for await (const [at, parked] of this.#store.range({ ...bounds, limit: RELEASE_PAGE })) {
        page.push([at, parked as Parked]);
      }
      for (const [at, parked] of page) {
        // Looked up again right before the release: the table may have changed during an await above.
        const draws = this.#definitions.openFor(parked.promoCode, parked.occurredAt);
        if (draws.length === 0) continue;
        this.#store.delete(at);
        this.#store.delete(parkingExpiryKey(parked.expiresAt, at));
        await release(parked, draws);
      }
      if (page.length < RELEASE_PAGE) return;
      after = page.at(-1)![0];
    }
  }
}
