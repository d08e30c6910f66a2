import type { AbstractLevel, AbstractSublevel } from 'abstract-level';
import type { KeyValueStore, RangeOptions, ReadOnlyKeyValueStore } from './key-value-store';

// The store is written by one task at a time, so writes wait in `pending` until the task's Kafka
// transaction commits and only then reach LevelDB: the local copy never holds state Kafka rolled back.

const DELETED = Symbol('deleted');
const ABSENT = Symbol('absent');
type Pending<V> = V | typeof DELETED;
type Level = AbstractLevel<string | Buffer | Uint8Array, string, string>;
type Sub = AbstractSublevel<Level, string | Buffer | Uint8Array, string, string>;
const CHECKPOINT_KEY = 'changelog-offset';
// Entries read from LevelDB per call while walking a range.
const RANGE_BATCH = 1_000;
// Bytes a read of valueBatches may take before it stops short of RANGE_BATCH values: a batch of small values
// comes whole, one of large values (an SCA draw's index entries, which carry every contest entry) near a MiB.
const VALUE_BATCH_BYTES = 1024 * 1024;

/** One change to replay into, or take out of, a store: `value` null deletes the key. */
export interface ChangelogEntry {
  key: string;
  value: string | null;
}

/**
 * A {@link KeyValueStore} over any abstract-level database (classic-level on disk, memory-level in the test
 * driver), with uncommitted writes kept apart, per-record rollback, and a changelog checkpoint.
 */
export class LevelKeyValueStore<V> implements KeyValueStore<V> {
  readonly #db: Level;
  readonly #data: Sub;
  readonly #meta: Sub;
  readonly #pending = new Map<string, Pending<V>>();
  // The values the current record's writes replaced, kept only between beginRecord and the record's end.
  readonly #journal = new Map<string, Pending<V> | typeof ABSENT>();
  #recording = false;
  // changelogEntries() as last computed, until the next write: the transaction sends them, the commit applies
  // the same entries, and each costs a JSON.stringify per key.
  #entries: ChangelogEntry[] | undefined;

  constructor(
    readonly name: string,
    db: Level,
  ) {
    this.#db = db;
    this.#data = db.sublevel('data');
    this.#meta = db.sublevel('meta');
  }

  async get(key: string): Promise<V | undefined> {
    const pending = this.#pending.get(key);
    if (pending !== undefined) return pending === DELETED ? undefined : pending;
    // Synchronous, as Kafka Streams reads RocksDB: a read served by LevelDB's memtable, cache or the page
    // cache takes ~3 µs of CPU, while the asynchronous get's hand-off to the thread pool and back cost ~30.
    const text = this.#data.getSync(key);
    return text === undefined ? undefined : (JSON.parse(text) as V);
  }

  put(key: string, value: V): void {
    if (value === undefined) throw new Error(`store ${this.name}: put(${key}) with undefined; use delete`);
    this.#write(key, value);
  }

  delete(key: string): void {
    this.#write(key, DELETED);
  }

  async *range(options: RangeOptions = {}): AsyncGenerator<[string, V]> {
    const { limit = Number.POSITIVE_INFINITY, reverse = false, ...bounds } = options;
    const pending = [...this.#pending.keys()].filter((key) => within(key, bounds)).sort();
    if (reverse) pending.reverse();
    let emitted = 0;
    let next = 0;
    // The pending writes (not yet in LevelDB) that come before `key` in the range's order, or all that are left.
    const pendingBefore = (key?: string): [string, V][] => {
      const entries: [string, V][] = [];
      while (
        next < pending.length &&
        (key === undefined || (reverse ? pending[next]! > key : pending[next]! < key))
      ) {
        const pendingKey = pending[next++]!;
        const value = this.#pending.get(pendingKey)!;
        if (value !== DELETED) entries.push([pendingKey, value]);
      }
      return entries;
    };
    const iterator = this.#data.iterator({ ...bounds, reverse });
    try {
      // A batch of entries per call: `for await` over the iterator costs a promise per entry, and a run of a
      // million tickets walks a million.
      for (
        let batch = await iterator.nextv(RANGE_BATCH);
        batch.length > 0;
        batch = await iterator.nextv(RANGE_BATCH)
      ) {
        for (const [key, text] of batch) {
          if (next < pending.length) {
            for (const entry of pendingBefore(key)) {
              yield entry;
              if (++emitted >= limit) return;
            }
            if (this.#pending.has(key)) continue; // the pending write (or delete) above replaced it
          }
          yield [key, JSON.parse(text) as V];
          if (++emitted >= limit) return;
        }
      }
    } finally {
      await iterator.close();
    }
    for (const entry of pendingBefore()) {
      yield entry;
      if (++emitted >= limit) return;
    }
  }

  async *valueBatches(options: RangeOptions = {}): AsyncGenerator<V[]> {
    const { limit, reverse = false, ...bounds } = options;
    if (this.#hasPendingWithin(bounds)) {
      // Pending writes interleave with LevelDB's entries by key: the merge is range's.
      let batch: V[] = [];
      for await (const [, value] of this.range(options)) {
        batch.push(value);
        if (batch.length === RANGE_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return;
    }
    // Values only: LevelDB then makes no string of each key, which nothing here would read. A whole batch per
    // read (classic-level stops a read at 16 KiB by default: ~160 of a wallet's index entries), and the next
    // batch read while the caller works on this one: a wallet sending a run waited on each read in turn.
    // highWaterMarkBytes is classic-level's own option, which abstract-level's types do not list.
    const read = { ...bounds, reverse, ...(limit !== undefined && { limit }) };
    const iterator = this.#data.values({ ...read, highWaterMarkBytes: VALUE_BATCH_BYTES } as typeof read);
    let reading = iterator.nextv(RANGE_BATCH);
    try {
      for (let texts = await reading; texts.length > 0; texts = await reading) {
        reading = iterator.nextv(RANGE_BATCH);
        yield texts.map((text) => JSON.parse(text) as V);
      }
    } finally {
      // A caller that stopped early leaves a read in flight: it ends before the iterator closes.
      await reading.catch(() => undefined);
      await iterator.close();
    }
  }

  /**
   * A read-only view of what is committed: writes of the transaction in progress are not seen, so a value
   * read here (by an HTTP query, say) is never one Kafka may still roll back.
   */
  committed(): ReadOnlyKeyValueStore<V> {
    const data = this.#data;
    return {
      name: this.name,
      get: async (key) => {
        const text = await data.get(key);
        return text === undefined ? undefined : (JSON.parse(text) as V);
      },
      range: async function* ({ limit, reverse = false, ...bounds } = {}) {
        const options = { ...bounds, reverse, ...(limit !== undefined && { limit }) };
        for await (const [key, text] of data.iterator(options)) yield [key, JSON.parse(text) as V];
      },
    };
  }

  /** Starts a record: its writes can be undone with {@link rollbackRecord} if the record is dead-lettered. */
  beginRecord(): void {
    this.#endRecord();
    this.#recording = true;
  }

  rollbackRecord(): void {
    for (const [key, previous] of this.#journal) {
      if (previous === ABSENT) this.#pending.delete(key);
      else this.#pending.set(key, previous);
    }
    this.#endRecord();
    this.#entries = undefined;
  }

  /** The uncommitted writes, one entry per key, for the changelog topic. */
  changelogEntries(): ChangelogEntry[] {
    this.#entries ??= [...this.#pending].map(([key, value]) => ({
      key,
      value: value === DELETED ? null : JSON.stringify(value),
    }));
    return this.#entries;
  }

  hasPendingWrites(): boolean {
    return this.#pending.size > 0;
  }

  /** After the transaction committed: apply the writes to LevelDB, with the changelog position reached. */
  async commit(changelogOffset?: string): Promise<void> {
    const ops = this.changelogEntries().map((entry) => toBatchOperation(this.#data, entry));
    if (changelogOffset !== undefined)
      ops.push({ type: 'put', sublevel: this.#meta, key: CHECKPOINT_KEY, value: changelogOffset });
    if (ops.length > 0) await this.#db.batch(ops);
    this.abort();
  }

  /** After the transaction aborted: forget every uncommitted write. */
  abort(): void {
    this.#pending.clear();
    this.#entries = undefined;
    this.#endRecord();
  }

  /** The next changelog offset not yet applied to this store, if the store has ever been written. */
  async checkpoint(): Promise<string | undefined> {
    return this.#meta.get(CHECKPOINT_KEY);
  }

  /** Replays changelog entries read from Kafka (restoration); `nextOffset` becomes the checkpoint. */
  async restore(entries: readonly ChangelogEntry[], nextOffset: string): Promise<void> {
    const ops = entries.map((entry) => toBatchOperation(this.#data, entry));
    ops.push({ type: 'put', sublevel: this.#meta, key: CHECKPOINT_KEY, value: nextOffset });
    await this.#db.batch(ops);
  }

  /** Empties the store, for a restore from the beginning of the changelog. */
  async wipe(): Promise<void> {
    await this.#db.clear();
    this.abort();
  }

  #hasPendingWithin(bounds: Omit<RangeOptions, 'limit' | 'reverse'>): boolean {
    for (const key of this.#pending.keys()) if (within(key, bounds)) return true;
    return false;
  }

  #write(key: string, value: Pending<V>): void {
    if (this.#recording && !this.#journal.has(key))
      this.#journal.set(key, this.#pending.has(key) ? this.#pending.get(key)! : ABSENT);
    this.#pending.set(key, value);
    this.#entries = undefined;
  }

  #endRecord(): void {
    if (this.#journal.size > 0) this.#journal.clear(); // clear() allocates a new table even when empty
    this.#recording = false;
  }
}

function within(key: string, bounds: Omit<RangeOptions, 'limit' | 'reverse'>): boolean {
  return (
    (bounds.gt === undefined || key > bounds.gt) &&
    (bounds.gte === undefined || key >= bounds.gte) &&
    (bounds.lt === undefined || key < bounds.lt) &&
    (bounds.lte === undefined || key <= bounds.lte)
  );
}

function toBatchOperation(data: Sub, { key, value }: ChangelogEntry) {
  return value === null
    ? { type: 'del' as const, sublevel: data, key }
    : { type: 'put' as const, sublevel: data, key, value };
}
