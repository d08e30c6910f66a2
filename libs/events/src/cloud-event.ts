import type { EventData, EventType } from './event-schemas';
import type { Stamp } from './timeline';

/**
 * A CloudEvent (spec 1.0) as the prizedraw libraries hand it around: a plain object, the attributes by name,
 * the extension attributes apart as strings and the timeline already parsed.
 */
export interface PrizedrawCloudEvent<T = unknown> {
  /** Unique per source; a repeat of the same id from the same source is a duplicate. */
  id: string;
  /** URI-reference naming who produced the event, e.g. `/prizedraw/ingestion` or `urn:acme:cpp`. */
  source: string;
  /** Event type, e.g. `prizedraw.stake.v1`. */
  type: string;
  specversion: '1.0';
  /** When the occurrence happened, RFC 3339 with offset. Kept as received (the offset is not normalized). */
  time: string;
  subject?: string;
  /** Media type of `data` as received or sent, `application/json` by default. */
  datacontenttype?: string;
  dataschema?: string;
  data: T;
  /** Extension attributes other than `timeline`, values as strings (their Kafka header text). */
  extensions: Record<string, string>;
  /** The `timeline` extension attribute, parsed: one stamp per hop, oldest first. */
  timeline: Stamp[];
}

/** What {@link encodeEvent} needs: a {@link PrizedrawCloudEvent} whose specversion, extensions and timeline may be left out. */
export type EncodableEvent<T = unknown> = Omit<
  PrizedrawCloudEvent<T>,
  'specversion' | 'extensions' | 'timeline'
> &
  Partial<Pick<PrizedrawCloudEvent<T>, 'specversion' | 'extensions' | 'timeline'>>;

/** An event of the contract whose data passed its schema; switching on `type` narrows `data`. */
export type ValidatedEvent = {
  [K in EventType]: PrizedrawCloudEvent<EventData<K>> & { type: K };
}[EventType];

/** A Kafka header value as KafkaJS delivers it (Buffer, repeated headers as arrays) or a test writes it. */
export type IncomingHeaderValue = Buffer | string | readonly (Buffer | string | null)[] | null | undefined;

/** A consumed Kafka record; KafkaJS's `KafkaMessage` fits. */
export interface IncomingRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, IncomingHeaderValue>;
  /**
   * Header values a reader kept apart as their bytes because they are not UTF-8 (the stream runtime does),
   * read as if they were in `headers`: a CloudEvent header among them is rejected, never rewritten.
   */
  binaryHeaders?: Readonly<Record<string, Buffer>>;
}

/** A record to produce; fits KafkaJS's `Message`. */
export interface OutgoingRecord {
  key?: Buffer | string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Media type of JSON data in binary content mode. */
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * Media type of data in the Confluent wire format with a JSON Schema (magic byte 0, the 4-byte schema id,
 * then JSON), written when a schema registry is configured: not `application/json`, which such bytes are not.
 * Named like the `application/vnd.confluent.avro` and `…protobuf` that producers write for Confluent-framed
 * Avro and Protobuf; `ce_dataschema` then names the schema.
 */
export const REGISTRY_CONTENT_TYPE = 'application/vnd.confluent.jsonschema';

/** Media type of a whole event as JSON in structured content mode. */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';
