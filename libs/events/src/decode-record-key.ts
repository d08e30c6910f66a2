import { DecodeError } from './errors';

// fatal: bytes that are not UTF-8 throw instead of becoming U+FFFD (two different keys would become one, and
// the record would be drawn under a customer it does not name). ignoreBOM: a leading U+FEFF is part of the
// key, not a byte-order mark to strip.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Enough of a bad key to find it by, short enough for a dead-letter header.
const MAX_HEX_BYTES = 32;

/**
 * A consumed record's key as text, decoded strictly as UTF-8; `null` for a record without a key.
 *
 * Every place that turns a consumed key into a string goes through here, so that a key that is not valid
 * UTF-8 is never silently rewritten: it throws {@link DecodeError}, and the stream runtime sends the record to
 * the dead-letter topic with the reason. Valid keys cost what `Buffer#toString` costs (~40 ns).
 *
 * @example
 * deserializer: (message) => new Record(decodeRecordKey(message.key), decodeAndValidate(message), message.timestamp)
 * @throws DecodeError when the key is not valid UTF-8; the reason shows its first bytes in hex.
 */
export function decodeRecordKey(key: Buffer | null): string | null {
  if (key === null) return null;
  try {
    return STRICT_UTF8.decode(key);
  } catch {
    const shown = key.subarray(0, MAX_HEX_BYTES).toString('hex');
    const more = key.length > MAX_HEX_BYTES ? `… (${key.length} bytes)` : '';
    throw new DecodeError(`record key is not valid UTF-8: 0x${shown}${more}`);
  }
}
