import { DecodeError, decodeUtf8Strict } from '@prizedraw/events';
import type { IHeaders } from 'kafkajs';
import type { RawMessage } from '../processor/serdes';

/**
 * A consumed record's header values as the runtime hands them to a deserializer: those that are UTF-8 as
 * text, the others apart as their bytes (`binaryHeaders`, only when there are some). The last value of a
 * repeated header wins, as in Kafka's `lastHeader()`; a null value counts as absent.
 *
 * Strict, so that a header is never read rewritten: leniently decoded, a `ce_id` with bad bytes became
 * U+FFFD and the record went on under an id nobody sent. Which headers must be text is the deserializer's
 * call (`readEnvelope` rejects a CloudEvent header among the bytes); a dead letter writes the bytes back.
 */
export function decodeHeaders(headers: IHeaders | undefined): Pick<RawMessage, 'headers' | 'binaryHeaders'> {
  const text: { [name: string]: string } = {};
  let binary: { [name: string]: Buffer } | undefined;
  for (const name in headers) {
    const values = headers[name];
    // KafkaJS types no null, but its decoder gives null for a header written without a value.
    const value = Array.isArray(values) ? values.at(-1) : values;
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
