import { DecodeError, type InvalidRecordErrorOptions } from './errors';

// fatal: bytes that are not UTF-8 throw instead of becoming U+FFFD (two different keys or event ids would
// become one, and the record would go on under a name nobody sent). ignoreBOM: a leading U+FEFF is part of
// the text, not a byte-order mark to strip.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Enough of bad bytes to find them by, short enough for a dead-letter header.
const MAX_HEX_BYTES = 32;

/**
 * Bytes a record carries as text (its key, a CloudEvent header's value), decoded strictly as UTF-8: bytes
 * that are not UTF-8 throw {@link DecodeError}, so the stream runtime dead-letters the record with the reason
 * instead of reading it with its bad bytes rewritten. Valid text costs what `Buffer#toString` costs.
 *
 * @param what names the bytes in the reason: `record key`, `header ce_id`.
 * @example
 * const id = decodeUtf8Strict(headers.ce_id, 'header ce_id', origin);
 * @throws DecodeError `<what> is not valid UTF-8: 0x…`, with the first 32 bytes in hex.
 */
export function decodeUtf8Strict(bytes: Buffer, what: string, options?: InvalidRecordErrorOptions): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    const shown = bytes.subarray(0, MAX_HEX_BYTES).toString('hex');
    const more = bytes.length > MAX_HEX_BYTES ? `… (${bytes.length} bytes)` : '';
    throw new DecodeError(`${what} is not valid UTF-8: 0x${shown}${more}`, options);
  }
}
