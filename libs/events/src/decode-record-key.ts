import { decodeUtf8Strict } from './decode-utf8-strict';

/**
 * A consumed record's key as text, decoded strictly as UTF-8 by {@link decodeUtf8Strict}; `null` for a
 * record without a key.
 *
 * Every place that turns a consumed key into a string goes through here, so that a key that is not valid
 * UTF-8 is never silently rewritten: it throws `DecodeError`, and the stream runtime sends the record to the
 * dead-letter topic with the reason.
 *
 * @example
 * deserializer: (message) => new Record(decodeRecordKey(message.key), decodeAndValidate(message), message.timestamp)
 * @throws DecodeError when the key is not valid UTF-8; the reason shows its first bytes in hex.
 */
export function decodeRecordKey(key: Buffer | null): string | null {
  return key === null ? null : decodeUtf8Strict(key, 'record key');
}
