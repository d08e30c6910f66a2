import { DecodeError, decodeUtf8Strict } from '@prizedraw/events';
import type { ConsumedHeaders, OutgoingMessage, RawMessage } from '../processor/serdes';

/**
 * A consumed record's header values as the runtime hands them to a deserializer: those that are UTF-8 as
 * text, the others apart as their bytes (`binaryHeaders`, only when there are some). The last value of a
 * repeated header wins, as in Kafka's `lastHeader()`; a null value counts as absent.
 *
 * Strict, so that a header is never read rewritten: leniently decoded, a `ce_id` with bad bytes became
 * U+FFFD and the record went on under an id nobody sent. Which headers must be text is the deserializer's
 * call (`readEnvelope` rejects a CloudEvent header among the bytes). A dead letter writes back the headers
 * as consumed, not these.
 */
export function decodeHeaders(
  headers: ConsumedHeaders | undefined,
): Pick<RawMessage, 'headers' | 'binaryHeaders'> {
  const text: { [name: string]: string } = {};
  let binary: { [name: string]: Buffer } | undefined;
  for (const name in headers) {
    const values = headers[name];
    const value = isRepeated(values) ? values.at(-1) : values;
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      text[name] = value;
      continue;
    }
    try {
      text[name] = decodeUtf8Strict(value, `header ${name}`);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      binary ??= {};
      binary[name] = value;
    }
  }
  return binary === undefined ? { headers: text } : { headers: text, binaryHeaders: binary };
}

// Array.isArray does not narrow a readonly array.
function isRepeated(value: ConsumedHeaders[string]): value is readonly (string | Buffer | null)[] {
  return Array.isArray(value);
}

/**
 * The message a consumer would read back of one written: key and value as bytes, headers as
 * {@link decodeHeaders} gives them, the timestamp written or else `now` (the broker's, for a message without).
 */
export function readBack(
  { key, value, headers, timestamp }: Pick<OutgoingMessage, 'key' | 'value' | 'headers' | 'timestamp'>,
  now: number,
): RawMessage {
  return {
    key: typeof key === 'string' ? Buffer.from(key) : (key ?? null),
    value: typeof value === 'string' ? Buffer.from(value) : value,
    ...decodeHeaders(headers),
    timestamp: timestamp ?? now,
  };
}
