import { CloudEvent, ValidationError as CloudEventsValidationError } from 'cloudevents';
import {
  type IncomingHeaderValue,
  type IncomingRecord,
  JSON_CONTENT_TYPE,
  type PrizedrawCloudEvent,
  REGISTRY_CONTENT_TYPE,
  STRUCTURED_CONTENT_TYPE,
} from './cloud-event';
import { decodeUtf8Strict } from './decode-utf8-strict';
import { DecodeError, type RecordOrigin } from './errors';
import { parseTimeline, TIMELINE_ATTRIBUTE, TIMELINE_HEADER } from './timeline';

// Internal: reads the CloudEvent attributes of a Kafka record. Binary mode is the hot path (every record of
// every hop), so it reads headers by hand; the `cloudevents` package only checks structured-mode events,
// where its validation cost is acceptable and its spec checks (attribute types, extension names) help.

/** A record's attributes, and its data still as bytes (binary mode) or already parsed (structured mode). */
export type Envelope =
  | { mode: 'binary'; event: PrizedrawCloudEvent; value: Buffer | string }
  | { mode: 'structured'; event: PrizedrawCloudEvent };

/** RFC 3339 with seconds and an offset; Date.parse then rejects impossible dates such as month 13. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The CloudEvents spec's own attribute names (and structured mode's `data_base64`): never extensions. */
export const CORE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'id',
  'source',
  'type',
  'specversion',
  'time',
  'subject',
  'datacontenttype',
  'dataschema',
  'data',
  'data_base64',
]);

const CONTENT_TYPE = 'content-type';

// Header names are case-sensitive on Kafka and the binding writes `ce_` in lowercase; content-type is matched
// in any case because producers coming from HTTP write Content-Type.
function isCloudEventHeader(name: string): boolean {
  return (
    name.startsWith('ce_') || (name.length === CONTENT_TYPE.length && name.toLowerCase() === CONTENT_TYPE)
  );
}

// Strict: with its bad bytes turned into U+FFFD, a ce_id would name an event nobody sent (two ids differing
// only there would become one idempotency key).
function headerText(value: IncomingHeaderValue, name: string, origin: RecordOrigin): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return decodeUtf8Strict(value, `header ${name}`, origin);
  // KafkaJS gives a repeated header as an array; the last one wins, as in Kafka's lastHeader().
  const last = (value as readonly (Buffer | string)[])[value.length - 1];
  return last === undefined ? undefined : headerText(last, name, origin);
}

/** Whether a media type (parameters allowed) says JSON: `application/json` or any `+json` type. */
export function isJsonContentType(contentType: string): boolean {
  if (contentType === JSON_CONTENT_TYPE) return true; // what prizedraw writes: no parsing on the hot path
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return media === JSON_CONTENT_TYPE || media.endsWith('+json');
}

function fail(reason: string, origin: RecordOrigin, eventId?: string): never {
  throw new DecodeError(reason, eventId === undefined ? origin : { ...origin, eventId });
}

/** The time attribute `name`, checked as RFC 3339 with an offset; throws {@link DecodeError} naming it. */
export function checkTime(time: string | undefined, name: string, origin: RecordOrigin, id: string): string {
  if (time === undefined) {
    fail(`missing attribute ${name}: prizedraw needs when the event happened`, origin, id);
  }
  if (!RFC3339.test(time) || Number.isNaN(Date.parse(time))) {
    fail(`${name} must be an RFC 3339 date-time with offset, got ${JSON.stringify(time)}`, origin, id);
  }
  return time;
}

function checkDataContentType(
  contentType: string | undefined,
  origin: RecordOrigin,
  id: string,
  accepted = JSON_CONTENT_TYPE,
): void {
  if (contentType !== undefined && !isJsonContentType(contentType) && contentType !== accepted) {
    fail(
      `unsupported data content type ${JSON.stringify(contentType)}; expected ${JSON_CONTENT_TYPE}` +
        (accepted === JSON_CONTENT_TYPE ? '' : ` or ${accepted}`),
      origin,
      id,
    );
  }
}

/** Attributes read from `ce_*` headers (binary mode), as header text. */
interface BinaryHeaders {
  specversion?: string;
  id?: string;
  source?: string;
  type?: string;
  time?: string;
  subject?: string;
  dataschema?: string;
  timeline?: string;
  /** `content-type`, or else the `ce_datacontenttype` header. */
  contentType?: string;
  extensions: Record<string, string>;
}

// Every header of every record of every hop passes here: a switch on the whole name, rather than slicing
// `ce_` off and looking the rest up, keeps it to one comparison chain and no new strings. Only the headers
// read are decoded: another one (a trace id, Spring's binary correlation id) may be bytes that are not text.
function readHeaders(headers: Record<string, IncomingHeaderValue>, origin: RecordOrigin): BinaryHeaders {
  const read: BinaryHeaders = { extensions: {} };
  let datacontenttype: string | undefined;
  for (const name in headers) {
    if (!isCloudEventHeader(name)) continue;
    const text = headerText(headers[name], name, origin);
    if (text === undefined) continue;
    switch (name) {
      case 'ce_specversion':
        read.specversion = text;
        break;
      case 'ce_id':
        read.id = text;
        break;
      case 'ce_source':
        read.source = text;
        break;
      case 'ce_type':
        read.type = text;
        break;
      case 'ce_time':
        read.time = text;
        break;
      case 'ce_subject':
        read.subject = text;
        break;
      case 'ce_dataschema':
        read.dataschema = text;
        break;
      case TIMELINE_HEADER:
        read.timeline = text;
        break;
      case 'ce_datacontenttype':
        datacontenttype = text;
        break;
      case CONTENT_TYPE:
        read.contentType = text;
        break;
      default:
        if (name.startsWith('ce_')) read.extensions[name.slice(3)] = text;
        else read.contentType = text;
    }
  }
  // Binary mode carries datacontenttype as content-type; the `cloudevents` package writes both.
  read.contentType ??= datacontenttype;
  return read;
}

/** Reads a record in binary or structured content mode; throws {@link DecodeError} with the reason. */
export function readEnvelope(record: IncomingRecord, origin: RecordOrigin): Envelope {
  const { value } = record;
  if (value === null || value === undefined) {
    fail('record has no value (a tombstone is not an event)', origin);
  }
  const { binaryHeaders } = record;
  const headers =
    binaryHeaders === undefined ? (record.headers ?? {}) : { ...record.headers, ...binaryHeaders };
  const { specversion, id, source, type, time, subject, dataschema, timeline, contentType, extensions } =
    readHeaders(headers, origin);
  // The content type decides the mode (binding spec 3.1), even when stray ce_* headers are present.
  if (contentType?.toLowerCase().startsWith('application/cloudevents')) {
    return readStructured(value, contentType, origin);
  }
  if (specversion === undefined) {
    const found = contentType === undefined ? 'missing' : JSON.stringify(contentType);
    fail(
      `not a CloudEvent: no ce_specversion header (binary mode) and content-type is ${found}, not ` +
        `${STRUCTURED_CONTENT_TYPE} (structured mode)`,
      origin,
    );
  }
  if (specversion !== '1.0') {
    fail(`unsupported ce_specversion ${JSON.stringify(specversion)}; expected 1.0`, origin);
  }
  if (!id) fail('missing required header ce_id', origin);
  if (!source) fail('missing required header ce_source', origin, id);
  if (!type) fail('missing required header ce_type', origin, id);
  const checkedTime = checkTime(time, 'ce_time', origin, id);
  // Binary mode also carries registry-framed data (structured mode's data is JSON inside the event).
  checkDataContentType(contentType, origin, id, REGISTRY_CONTENT_TYPE);
  // Built in its final shape, data included (filled in by the caller): copying it into a new object per
  // record cost more than reading all its headers.
  const event: PrizedrawCloudEvent = {
    id,
    source,
    type,
    specversion: '1.0',
    time: checkedTime,
    data: undefined,
    extensions,
    timeline: parseTimeline(timeline),
  };
  if (subject !== undefined) event.subject = subject;
  if (contentType !== undefined) event.datacontenttype = contentType;
  if (dataschema !== undefined) event.dataschema = dataschema;
  return { mode: 'binary', event, value };
}

function parseStructuredValue(value: Buffer | string, contentType: string, origin: RecordOrigin) {
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (media !== STRUCTURED_CONTENT_TYPE) {
    fail(
      `unsupported structured content type ${JSON.stringify(contentType)}; expected ${STRUCTURED_CONTENT_TYPE}`,
      origin,
    );
  }
  const text = typeof value === 'string' ? value : decodeUtf8Strict(value, 'structured-mode value', origin);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`structured-mode value is not valid JSON: ${(error as Error).message}`, origin);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail('structured-mode value is not a JSON object', origin);
  }
  return parsed as Record<string, unknown>;
}

/** Spec checks beyond ours, by the `cloudevents` package: attribute types, extension names, URI source. */
function checkSpecCompliance(attributes: Record<string, unknown>, origin: RecordOrigin, id: string): void {
  try {
    new CloudEvent(attributes, true);
  } catch (error) {
    const details =
      error instanceof CloudEventsValidationError && Array.isArray(error.errors) && error.errors.length > 0
        ? `: ${JSON.stringify(error.errors)}`
        : '';
    fail(`not a valid CloudEvent: ${(error as Error).message.split('\n', 1)[0]}${details}`, origin, id);
  }
}

function structuredExtensions(attributes: Record<string, unknown>, origin: RecordOrigin, id: string) {
  const extensions: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (CORE_ATTRIBUTES.has(name) || name === TIMELINE_ATTRIBUTE) continue;
    if (typeof attribute === 'object' && attribute !== null) {
      fail(`extension ${name} must be a scalar`, origin, id);
    }
    extensions[name] = String(attribute);
  }
  return extensions;
}

function readStructured(value: Buffer | string, contentType: string, origin: RecordOrigin): Envelope {
  const attributes = parseStructuredValue(value, contentType, origin);
  const text = (name: string): string | undefined => {
    const attribute = attributes[name];
    if (attribute === undefined || attribute === null) return undefined;
    if (typeof attribute !== 'string') fail(`attribute ${name} must be a string`, origin);
    return attribute;
  };
  const specversion = text('specversion');
  if (specversion === undefined) fail('missing required attribute specversion', origin);
  if (specversion !== '1.0') {
    fail(`unsupported specversion ${JSON.stringify(specversion)}; expected 1.0`, origin);
  }
  const id = text('id');
  if (!id) fail('missing required attribute id', origin);
  const source = text('source');
  if (!source) fail('missing required attribute source', origin, id);
  const type = text('type');
  if (!type) fail('missing required attribute type', origin, id);
  const time = checkTime(text('time'), 'time', origin, id);
  checkDataContentType(text('datacontenttype'), origin, id);
  if (attributes.data_base64 !== undefined) {
    fail('binary data (data_base64) is not supported; data must be JSON', origin, id);
  }
  if (attributes.data === undefined) fail('event has no data', origin, id);
  checkSpecCompliance(attributes, origin, id);
  const event: PrizedrawCloudEvent = {
    id,
    source,
    type,
    specversion: '1.0',
    time,
    data: attributes.data,
    extensions: structuredExtensions(attributes, origin, id),
    timeline: parseTimeline(text(TIMELINE_ATTRIBUTE)),
  };
  for (const name of ['subject', 'datacontenttype', 'dataschema'] as const) {
    const attribute = text(name);
    if (attribute !== undefined) event[name] = attribute;
  }
  return { mode: 'structured', event };
}
