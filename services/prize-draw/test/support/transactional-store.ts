import type { KeyValueStore, ProcessorContext, Punctuator, RangeOptions, Record } from '@prizedraw/stream';

/**
 * An in-memory {@link KeyValueStore} with the runtime's transaction semantics: writes stay pending until
 * `commit()`, `abort()` forgets them — so a test can crash a processor mid-transaction and start a new one
 * on what was committed.
 */
export class TransactionalStore implements KeyValueStore<unknown> {
  readonly name = 'test-store';
  readonly #committed = new Map<string, unknown>();
  #pending = new Map<string, unknown>();

  async get(key: string): Promise<unknown> {
    return this.#pending.has(key) ? this.#pending.get(key) : this.#committed.get(key);
  }

  put(key: string, value: unknown): void {
    this.#pending.set(key, structuredClone(value));
  }

  delete(key: string): void {
    this.#pending.set(key, undefined);
  }

  async *range({
    gt,
    gte,
    lt,
    lte,
    reverse = false,
    limit = Infinity,
  }: RangeOptions = {}): AsyncGenerator<[string, unknown]> {
    const keys = [...new Set([...this.#committed.keys(), ...this.#pending.keys()])]
      .filter((k) => (gt === undefined || k > gt) && (gte === undefined || k >= gte))
      .filter((k) => (lt === undefined || k < lt) && (lte === undefined || k <= lte))
      .sort();
    if (reverse) keys.reverse();
    let emitted = 0;
    for (const key of keys) {
      const value = await this.get(key);
      if (value === undefined) continue;
      if (emitted++ >= limit) return;
      yield [key, value];
    }
  }

  async *valueBatches(options?: RangeOptions): AsyncGenerator<unknown[]> {
    const values: unknown[] = [];
    for await (const [, value] of this.range(options)) values.push(value);
    if (values.length > 0) yield values;
  }

  commit(): void {
    for (const [key, value] of this.#pending) {
      if (value === undefined) this.#committed.delete(key);
      else this.#committed.set(key, value);
    }
    this.#pending = new Map();
  }

  abort(): void {
    this.#pending = new Map();
  }
}

/** A processor context over one store whose forwarded records are kept per transaction, like the runtime's. */
export class TransactionalContext<V> implements ProcessorContext<string | null, V> {
  readonly applicationId = 'test';
  readonly partition = 0;
  readonly committed: Record<string | null, V>[] = [];
  #pending: Record<string | null, V>[] = [];
  punctuator: Punctuator | undefined;
  /** Forward throws once this many records were forwarded in the current transaction (a crash). */
  crashAfter: number | undefined;

  constructor(readonly store: TransactionalStore) {}

  async forward(record: Record<string | null, V>): Promise<void> {
    if (this.crashAfter !== undefined && this.#pending.length >= this.crashAfter) throw new Error('crash');
    this.#pending.push(record);
  }

  getStateStore<S>(): KeyValueStore<S> {
    return this.store as KeyValueStore<S>;
  }

  schedule(_intervalMs: number, _type: 'wall-clock', punctuator: Punctuator) {
    this.punctuator = punctuator;
    return { cancel: () => undefined };
  }

  recordMetadata() {
    return undefined;
  }

  sinkPartitions(): number {
    return 1;
  }

  /** Runs `work` as one transaction: commits outputs and writes, or drops both when it throws. */
  async transaction(work: () => void | Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.#pending = [];
      this.store.abort();
      throw error;
    }
    this.committed.push(...this.#pending);
    this.#pending = [];
    this.store.commit();
  }
}
