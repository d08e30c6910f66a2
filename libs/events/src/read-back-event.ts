import { JSON_CONTENT_TYPE, type PrizedrawCloudEvent, type ValidatedEvent } from './cloud-event';
import { parseEventData } from './parse-event-data';
import { checkTime } from './read-envelope';
import { TIMELINE_ATTRIBUTE } from './timeline';

/**
 * Whether the key and header values of `record` read back as the strings written: none holds half a UTF-16
 * surrogate pair on its own, which UTF-8 turns into U+FFFD. JSON data cannot hold one: JSON.stringify
 * escapes it.
 */
export function readsBackAsWritten({
  key,
  headers,
}: {
  key?: string | Buffer | null;
  headers: Readonly<{ [name: string]: unknown }>;
}): boolean {
  if (typeof key === 'string' && !key.isWellFormed()) return false;
  for (const name in headers) {
    const value = headers[name];
    if (!name.isWellFormed() || (typeof value === 'string' && !value.isWellFormed())) return false;
  }
  return true;
}

/**
 * What {@link decodeAndValidate} gives for the record {@link encodeEvent} writes of `event` with plain JSON
 * data (no registry codec), made from the event instead of the record's bytes: for a reader in the process
 * that wrote it, the next stage of a fused topology, which then does not decode header text, the timeline
 * and the data's JSON that the stage before it just encoded. Only for a record that
 * {@link readsBackAsWritten}.
 *
 * The data is validated anew. parseEventData builds every object of it anew (the contract's schemas are
 * JSON objects and arrays, without `unknown` parts or transforms), so nothing of the writer's data is
 * shared, and for JSON values the result equals what parsing the written JSON gives; a property the writer
 * set to `undefined` stays, where the JSON leaves it out.
 *
 * @throws as decodeAndValidate: DecodeError for a time that is not RFC 3339; ValidationError naming the
 *   fields for data that breaks the type's schema.
 */
export function readBackEvent(event: PrizedrawCloudEvent): ValidatedEvent {
  const { id, source, type, time, subject, dataschema, extensions } = event;
  const read: PrizedrawCloudEvent = {
    id,
    source,
    type,
    specversion: '1.0',
    time: checkTime(time, 'ce_time', {}, id),
    data: parseEventData(type, event.data, { eventId: id }),
    extensions: {},
    timeline: [...event.timeline],
    datacontenttype: event.datacontenttype ?? JSON_CONTENT_TYPE,
  };
  // The timeline travels in its own header, not as an extension of the same name.
  for (const name in extensions) if (name !== TIMELINE_ATTRIBUTE) read.extensions[name] = extensions[name]!;
  if (subject !== undefined) read.subject = subject;
  if (dataschema !== undefined) read.dataschema = dataschema;
  return read as ValidatedEvent;
}
