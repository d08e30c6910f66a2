import {
  type EncodableEvent,
  type IncomingRecord,
  JSON_CONTENT_TYPE,
  type OutgoingRecord,
  type PrizedrawCloudEvent,
  STRUCTURED_CONTENT_TYPE,
  type ValidatedEvent,
} from './cloud-event';
import type { RecordOrigin } from './errors';
import { decodeEventData, encodeJsonData } from './json-data';
import { parseEventData } from './parse-event-data';
import { CORE_ATTRIBUTES, isJsonContentType, readEnvelope } from './read-envelope';
import type { DataCodec } from './schema-registry-codec';
import { formatTimeline, TIMELINE_ATTRIBUTE, TIMELINE_HEADER } from './timeline';

/** Options of {@link encodeEvent}. */
export interface EncodeOptions {
  /** Record key: the customer id, or the drawId on the definitions topic. */
  key?: Buffer | string;
  /** How the data is written; default plain JSON. With a schema registry: the Confluent wire format. */
  dataCodec?: DataCodec;
  /** Topic the record is for (the codec reports it in errors). */
  topic?: string;
  /**
   * The data as JSON text already, where the writer made that text for something else too (a draw result's
   * line in the results hash): written as the value, instead of the data stringified again. It must be JSON
   * of the same value as the data. Plain JSON only: a registry `dataCodec` encodes the data itself.
   */
  dataJson?: string;
}

/** Options of {@link decodeEvent} and {@link decodeAndValidate}. */
export interface DecodeOptions {
  /** Where the record came from; copied into every error thrown for it. */
  origin?: RecordOrigin;
  /** Without a codec, both framings of the data are decoded synchronously and schema ids are not looked up. */
  dataCodec?: undefined;
}

/**
 * Options of {@link decodeEvent} through a {@link DataCodec}: with a registry, the schema id of wire-format
 * data is checked with the registry, and the result is a Promise while an id is looked up for the first time.
 */
export interface DecodeWithCodecOptions extends Omit<DecodeOptions, 'dataCodec'> {
  dataCodec: DataCodec;
}

const EXTENSION_NAME = /^[a-z0-9]+$/;

/** The `ce_*` and content-type headers of an event; throws TypeError on what the spec would not accept. */
function headersOf(event: EncodableEvent<unknown>): Record<string, string> {
  if (!event.id || !event.source || !event.type || !event.time) {
    throw new TypeError('a CloudEvent needs a non-empty id, source, type and time');
  }
  const contentType = event.datacontenttype ?? JSON_CONTENT_TYPE;
  if (!isJsonContentType(contentType)) {
    throw new TypeError(`datacontenttype must be JSON, got ${contentType}`);
  }
  const headers: Record<string, string> = {
    'content-type': contentType,
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
  };
  if (event.subject !== undefined) headers.ce_subject = event.subject;
  if (event.dataschema !== undefined) headers.ce_dataschema = event.dataschema;
  if (event.extensions) {
    for (const name in event.extensions) {
      if (!EXTENSION_NAME.test(name) || CORE_ATTRIBUTES.has(name)) {
        throw new TypeError(
          `invalid CloudEvent extension name ${JSON.stringify(name)}: use [a-z0-9]+, not a core attribute`,
        );
      }
      // The timeline field, not a stray extension of the same name, is what travels.
      if (name !== TIMELINE_ATTRIBUTE) headers[`ce_${name}`] = event.extensions[name]!;
    }
  }
  if (event.timeline && event.timeline.length > 0) headers[TIMELINE_HEADER] = formatTimeline(event.timeline);
  return headers;
}

/**
 * A CloudEvent as a Kafka record in binary content mode: attributes and extensions in `ce_*` headers (the
 * timeline as `ce_timeline`), the data as the value: `content-type: application/json` and plain JSON by
 * default; with a registry `dataCodec`, the Confluent wire format, `content-type`
 * `application/vnd.confluent.jsonschema`
 * and `ce_dataschema` the registry's URL of the schema. The data is not validated against the zod schema
 * here: use {@link parseEventData} where the producer's data may be wrong.
 *
 * @throws TypeError when a required attribute is empty or an extension name breaks the spec;
 *   ValidationError when a registry codec finds the data breaks the registered schema.
 */
export function encodeEvent<T>(event: EncodableEvent<T>, options: EncodeOptions = {}): OutgoingRecord {
  const { dataCodec, key, dataJson } = options;
  if (dataCodec?.schemaRegistryUrl === undefined) {
    const value = dataJson === undefined ? encodeJsonData(event.data) : Buffer.from(dataJson);
    return withKey(key, value, headersOf(event));
  }
  const headers = headersOf(event);
  const encoded = dataCodec.encode(options.topic ?? '(unnamed topic)', event.type, event.data);
  headers['content-type'] = encoded.contentType;
  if (encoded.dataschema !== undefined) headers.ce_dataschema = encoded.dataschema;
  return withKey(key, encoded.value, headers);
}

function withKey(key: Buffer | string | undefined, value: Buffer, headers: Record<string, string>) {
  const record: OutgoingRecord = { value, headers };
  if (key !== undefined) record.key = key;
  return record;
}

/**
 * A CloudEvent as a Kafka record in structured content mode (`application/cloudevents+json`, the whole event
 * as JSON in the value). prizedraw writes binary mode; this is for producers and tests that want the other.
 */
export function encodeStructuredEvent<T>(
  event: EncodableEvent<T>,
  options: EncodeOptions = {},
): OutgoingRecord {
  headersOf(event);
  const { extensions, timeline, data, ...attributes } = event;
  const json: Record<string, unknown> = { specversion: '1.0', ...attributes };
  for (const name in extensions) if (name !== TIMELINE_ATTRIBUTE) json[name] = extensions[name];
  if (timeline && timeline.length > 0) json[TIMELINE_ATTRIBUTE] = formatTimeline(timeline);
  json.data = data;
  const record: OutgoingRecord = {
    value: encodeJsonData(json),
    headers: { 'content-type': `${STRUCTURED_CONTENT_TYPE}; charset=utf-8` },
  };
  if (options.key !== undefined) record.key = options.key;
  return record;
}

/**
 * Reads a Kafka record as a CloudEvent, in binary mode (`ce_*` headers) or structured mode
 * (`content-type: application/cloudevents+json`); header values may be Buffers (KafkaJS) or strings. Data in
 * binary mode may be plain JSON or in the Confluent wire format (a schema registry producer's).
 * Synchronous without `dataCodec`; with one, a Promise while the registry is asked about a new schema id.
 *
 * @throws DecodeError, with the reason, when the record is not a readable CloudEvent (no value, no
 *   attributes, missing id/source/type/time, data that is not JSON, a schema id the registry never issued):
 *   dead-letter it.
 */
export function decodeEvent(
  record: IncomingRecord,
  options: DecodeWithCodecOptions,
): PrizedrawCloudEvent | Promise<PrizedrawCloudEvent>;
export function decodeEvent(record: IncomingRecord, options?: DecodeOptions): PrizedrawCloudEvent;
export function decodeEvent(
  record: IncomingRecord,
  options: DecodeOptions | DecodeWithCodecOptions = {},
): PrizedrawCloudEvent | Promise<PrizedrawCloudEvent> {
  const origin = options.origin ?? {};
  const envelope = readEnvelope(record, origin);
  if (envelope.mode === 'structured') return envelope.event;
  const { event, value } = envelope;
  const errorOptions = { ...origin, eventId: event.id };
  const data =
    options.dataCodec === undefined
      ? decodeEventData(value, errorOptions)
      : options.dataCodec.decode(value, errorOptions);
  if (data instanceof Promise) {
    return data.then((decoded: unknown) => {
      event.data = decoded;
      return event;
    });
  }
  event.data = data;
  return event;
}

// The event was just decoded and nobody else holds it, so its data is replaced in place: a copy of the
// whole event per record showed in the profile of every hop.
function validate(event: PrizedrawCloudEvent, origin: RecordOrigin): ValidatedEvent {
  event.data = parseEventData(event.type, event.data, { ...origin, eventId: event.id });
  return event as ValidatedEvent;
}

/**
 * {@link decodeEvent}, then {@link parseEventData} on the data: an event of the contract with its data
 * validated and defaults filled in. Switch on `type` to narrow `data`.
 *
 * @throws DecodeError as decodeEvent; ValidationError naming `type` for an unknown type, or the failing fields.
 */
export function decodeAndValidate(
  record: IncomingRecord,
  options: DecodeWithCodecOptions,
): ValidatedEvent | Promise<ValidatedEvent>;
export function decodeAndValidate(record: IncomingRecord, options?: DecodeOptions): ValidatedEvent;
export function decodeAndValidate(
  record: IncomingRecord,
  options: DecodeOptions | DecodeWithCodecOptions = {},
): ValidatedEvent | Promise<ValidatedEvent> {
  const origin = options.origin ?? {};
  if (options.dataCodec === undefined) return validate(decodeEvent(record, { origin }), origin);
  const event = decodeEvent(record, options);
  return event instanceof Promise ? event.then((e) => validate(e, origin)) : validate(event, origin);
}
