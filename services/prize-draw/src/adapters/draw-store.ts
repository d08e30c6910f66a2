import type { KeyValueStore, RangeOptions } from '@prizedraw/stream';
import type { DrawStatus } from '../processors/draw-status';

/** Name of the prize-draw's state store (one LevelDB per runs partition, changelog-backed). */
export const DRAW_STORE = 'prize-draw';

/** `run|<drawId>|<partition>|<seq>`: one entry of a wallet partition's run, as received. */
export interface StoredRunEntry {
  ticket: string;
  customerId: string;
  tickets: number;
  /** The customer was excluded when the wallet sent the run: no prize. */
  excluded?: true;
}

/** A prize as the customer sees it. */
export interface PrizeRef {
  prizeId: string;
  name: string;
}

/** `award|<drawId>|<customerId>`: the table prizes a customer was given by the decision pass, best first. */
export interface Award {
  prizes: PrizeRef[];
}

// Ids are URI-encoded inside keys, so a `|` in an id cannot reach into another draw's range; numbers are
// zero-padded so string order is numeric order.
const part = encodeURIComponent;
const partitionPart = (partition: number) => String(partition).padStart(5, '0');
const SEQ_DIGITS = 10;

/** The prize-draw store's key layout. */
export const drawKeys = {
  run: (drawId: string, partition: number, seq: number) =>
    `run|${part(drawId)}|${partitionPart(partition)}|${String(seq).padStart(SEQ_DIGITS, '0')}`,
  /** A partition's run from `fromSeq` on; `}` sorts right after `|`. */
  runRange: (drawId: string, partition: number, fromSeq: number): RangeOptions => ({
    gte: drawKeys.run(drawId, partition, fromSeq),
    lt: `run|${part(drawId)}|${partitionPart(partition)}}`,
  }),
  status: (drawId: string) => `status|${part(drawId)}`,
  active: (drawId: string) => `active|${part(drawId)}`,
  activeRange: { gte: 'active|', lt: 'active}' } satisfies RangeOptions,
  award: (drawId: string, customerId: string) => `award|${part(drawId)}|${part(customerId)}`,
  seen: (drawId: string, customerId: string) => `seen|${part(drawId)}|${part(customerId)}`,
} as const;

type DrawValue = StoredRunEntry | DrawStatus | Award | string | true;

/** Typed access to the prize-draw's store; the runtime owns and commits the store. */
export class DrawStore {
  readonly #store: KeyValueStore<DrawValue>;

  constructor(store: KeyValueStore<unknown>) {
    this.#store = store as KeyValueStore<DrawValue>;
  }

  putRunEntry(drawId: string, partition: number, seq: number, entry: StoredRunEntry): void {
    this.#store.put(drawKeys.run(drawId, partition, seq), entry);
  }

  /** A partition's stored run from `fromSeq` on, in seq order (= highest ticket first). */
  async *run(drawId: string, partition: number, fromSeq: number): AsyncGenerator<[number, StoredRunEntry]> {
    for await (const [key, entry] of this.#store.range(drawKeys.runRange(drawId, partition, fromSeq))) {
      yield [Number(key.slice(-SEQ_DIGITS)), entry as StoredRunEntry];
    }
  }

  async status(drawId: string): Promise<DrawStatus | undefined> {
    return (await this.#store.get(drawKeys.status(drawId))) as DrawStatus | undefined;
  }

  putStatus(status: DrawStatus): void {
    this.#store.put(drawKeys.status(status.drawId), status);
  }

  /** Draws whose runs are all in and whose results are not all out yet. */
  async activeDraws(): Promise<string[]> {
    const drawIds: string[] = [];
    for await (const [, drawId] of this.#store.range(drawKeys.activeRange)) drawIds.push(drawId as string);
    return drawIds;
  }

  setActive(drawId: string, active: boolean): void {
    if (active) this.#store.put(drawKeys.active(drawId), drawId);
    else this.#store.delete(drawKeys.active(drawId));
  }

  async award(drawId: string, customerId: string): Promise<Award | undefined> {
    return (await this.#store.get(drawKeys.award(drawId, customerId))) as Award | undefined;
  }

  putAward(drawId: string, customerId: string, award: Award): void {
    this.#store.put(drawKeys.award(drawId, customerId), award);
  }

  /** Marks a customer's result as sent; true when it had been sent already. */
  async markSeen(drawId: string, customerId: string): Promise<boolean> {
    const key = drawKeys.seen(drawId, customerId);
    if ((await this.#store.get(key)) !== undefined) return true;
    this.#store.put(key, true);
    return false;
  }
}
