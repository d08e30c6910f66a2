/** Bounds of a range scan; keys compare as strings (byte order for ASCII keys). */
export interface RangeOptions {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  /** Iterate from the highest key down. */
  reverse?: boolean;
  limit?: number;
}

/** A store a processor may read but not write (Kafka Streams' `ReadOnlyKeyValueStore`). */
export interface ReadOnlyKeyValueStore<V> {
  readonly name: string;
  get(key: string): Promise<V | undefined>;
  /** Entries within the bounds in key order (or reverse order), including writes not yet committed. */
  range(options?: RangeOptions): AsyncIterable<[string, V]>;
}

/** A key-value store owned by the runtime; processors get it from their context and never close it. */
export interface KeyValueStore<V> extends ReadOnlyKeyValueStore<V> {
  /**
   * The values {@link range} gives, in its order, a batch at a time: for walks of many entries (a draw's
   * run), where a promise per entry costs more than reading the entry.
   */
  valueBatches(options?: RangeOptions): AsyncIterable<V[]>;
  put(key: string, value: V): void;
  delete(key: string): void;
}
