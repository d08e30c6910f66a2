/** Header values carried by a record; prizedraw only uses string headers (CloudEvents binary mode). */
export type Headers = Readonly<{ [name: string]: string }>;

/**
 * An immutable record flowing through a topology, as in Kafka Streams' `Record`: change a field with the
 * `with*` methods, which return a new record and leave this one as it was.
 */
export class Record<K = string | null, V = unknown> {
  constructor(
    readonly key: K,
    readonly value: V,
    readonly timestamp: number,
    readonly headers: Headers = {},
  ) {}

  withKey<K2>(key: K2): Record<K2, V> {
    return new Record(key, this.value, this.timestamp, this.headers);
  }

  withValue<V2>(value: V2): Record<K, V2> {
    return new Record(this.key, value, this.timestamp, this.headers);
  }

  withTimestamp(timestamp: number): Record<K, V> {
    return new Record(this.key, this.value, timestamp, this.headers);
  }

  withHeaders(headers: Headers): Record<K, V> {
    return new Record(this.key, this.value, this.timestamp, headers);
  }
}

/** Where the record being processed came from. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}
