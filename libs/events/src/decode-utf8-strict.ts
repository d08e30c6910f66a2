import { isUtf8 } from 'node:buffer';
import { DecodeError, type InvalidRecordErrorOptions } from './errors';

// fatal: bytes that are not UTF-8 throw instead of becoming U+FFFD (two different keys or event ids would
// become one, and the record would go on under a name nobody sent). ignoreBOM: a leading U+FEFF is part of
// the text, not a byte-order mark to strip.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Enough of bad bytes to find them by, short enough for a dead-letter header.
const MAX_HEX_BYTES = 32;
// The longest UTF-8 sequence: a bad one starts at most this many bytes before the byte that broke it.
const MAX_SEQUENCE = 4;

/**
 * Bytes a record carries as text (its key, a CloudEvent header's value, its JSON data), decoded strictly as
 * UTF-8: bytes that are not UTF-8 throw {@link DecodeError}, so the stream runtime dead-letters the record
 * with the reason instead of reading it with its bad bytes rewritten. Valid text costs what
 * `Buffer#toString` costs.
 *
 * @param what names the bytes in the reason: `record key`, `header ce_id`, `data`.
 * @example
 * const id = decodeUtf8Strict(headers.ce_id, 'header ce_id', origin);
 * @throws DecodeError `<what> is not valid UTF-8: 0x…`, with the first 32 bytes in hex; when the bad
 *   sequence starts beyond them, `<what> is not valid UTF-8 at byte <n>: 0x…`, 32 bytes from there.
 */
export function decodeUtf8Strict(bytes: Buffer, what: string, options?: InvalidRecordErrorOptions): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    const at = badSequenceStart(bytes);
    const from = at < MAX_HEX_BYTES ? 0 : at;
    const shown = bytes.subarray(from, from + MAX_HEX_BYTES).toString('hex');
    const more = bytes.length > from + MAX_HEX_BYTES ? `… (${bytes.length} bytes)` : '';
    const where = from === 0 ? '' : ` at byte ${at}`;
    throw new DecodeError(`${what} is not valid UTF-8${where}: 0x${shown}${more}`, options);
  }
}

// Only on the way to a dead letter. A streaming decoder accepts an unfinished sequence at the end of its
// input, so "this prefix throws" only grows with the prefix: a binary search finds the byte that broke the
// text; the bad sequence starts where the longest valid text before it ends.
function badSequenceStart(bytes: Buffer): number {
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (throwsStreaming(bytes.subarray(0, middle))) high = middle;
    else low = middle + 1;
  }
  const broken = low - 1;
  for (let start = broken; start > broken - MAX_SEQUENCE && start > 0; start--) {
    if (isUtf8(bytes.subarray(0, start))) return start;
  }
  return 0;
}

function throwsStreaming(prefix: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return false;
  } catch {
    return true;
  }
}
