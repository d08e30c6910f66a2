import type { Headers, Record } from './record';

/** Header values kept as the bytes they came as, because they are not UTF-8 text. */
export type BinaryHeaders = Readonly<{ [name: string]: Buffer }>;

/**
 * A header's value as Kafka carries it, in KafkaJS's form: text or bytes; null for a header written without
 * a value; an array of the values, in order, for a header name a record carries more than once.
 */
export type HeaderValue = string | Buffer | null | readonly (string | Buffer | null)[];

/** Every header of a consumed record as KafkaJS gave it (repeated ones as arrays, null values as null). */
export type ConsumedHeaders = Readonly<{ [name: string]: HeaderValue | undefined }>;

/** A message as read from a topic, before deserialization. */
export interface RawMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Header values that are UTF-8, as text (the last of a repeated header). */
  readonly headers: Headers;
  /**
   * Header values that are not UTF-8, as their bytes, and absent from `headers`: as text they would be
   * rewritten (bad bytes as U+FFFD). A deserializer that needs one rejects the record; a dead letter carries
   * them as they came. Undefined when there are none.
   */
  readonly binaryHeaders?: BinaryHeaders;
  readonly timestamp: number;
}

/** A message to write to a topic; `partition` unset means "by key", as Kafka's default partitioner does. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly partition?: number;
  readonly key?: string | Buffer | null;
  readonly value: string | Buffer | null;
  /**
   * Text as a sink writes it; a dead letter writes its input's headers as they came ({@link HeaderValue}:
   * bytes, null values, repeated headers).
   */
  readonly headers: Readonly<{ [name: string]: HeaderValue }>;
  readonly timestamp?: number;
}

/**
 * Turns a raw message into a record. Throw `DecodeError` or `ValidationError` (from `@prizedraw/events`)
 * when the input is at fault: the runtime sends the message to the dead-letter topic and carries on.
 */
export type Deserializer<K, V> = (message: RawMessage) => Record<K, V> | Promise<Record<K, V>>;

/** What a serializer gives: the key, value and headers to write, and what a linked source may take instead. */
export interface SerializedMessage extends Pick<OutgoingMessage, 'key' | 'value' | 'headers'> {
  /**
   * The value before it was encoded, for a source of the same task that reads this sink's topic
   * ({@link Topology.fuse}) and can take it without decoding the bytes ({@link SourceOptions.adopt}).
   */
  readonly decoded?: unknown;
}

/** Turns a record into the key, value and headers written by a sink. */
export type Serializer<K, V> = (record: Record<K, V>) => SerializedMessage;

/** A message a sink of the same task just wrote, as a linked source's {@link Adopter} gets it. */
export interface WrittenMessage {
  readonly key: string | Buffer | null;
  readonly headers: OutgoingMessage['headers'];
  /** The timestamp written, or else the time it was written. */
  readonly timestamp: number;
  /** The serializer's {@link SerializedMessage.decoded}. */
  readonly decoded: unknown;
}

/**
 * Turns a message a sink of the same task wrote into the record the source's deserializer would make of
 * its bytes, from the serializer's `decoded` value: a fused topology's stages then do not decode what the
 * stage before them just encoded. It must throw what the deserializer would. Undefined when it cannot
 * tell what the bytes would give: the runtime then deserializes them.
 */
export type Adopter<K, V> = (message: WrittenMessage) => Record<K, V> | Promise<Record<K, V>> | undefined;

/**
 * Chooses the partition(s) of a sink record (Kafka Streams' `StreamPartitioner`, multicast included):
 * a number, a list of partitions to copy the record to, or undefined for the default (by key).
 */
export type Partitioner<K, V> = (
  record: Record<K, V>,
  partitionCount: number,
) => number | readonly number[] | undefined;
