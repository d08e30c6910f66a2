import { decodeUtf8Strict } from './decode-utf8-strict';
import { DecodeError, type InvalidRecordErrorOptions } from './errors';

// Event data as plain JSON bytes, and the Confluent wire format (magic byte 0, 4-byte schema id, then the
// same JSON) that a schema registry producer writes. Only decodeEventData is exported by the package.

const MAGIC_BYTE = 0;
/** Bytes before the JSON in the wire format: the magic byte and the schema id. */
export const WIRE_HEADER_LENGTH = 5;

/** The schema id of a Confluent wire-format value (magic byte 0, 4-byte id), or undefined for plain JSON. */
export function registrySchemaId(value: Buffer | string): number | undefined {
  // JSON text never starts with a NUL byte, so the magic byte cannot be confused with plain JSON.
  if (typeof value === 'string' || value.length < WIRE_HEADER_LENGTH || value[0] !== MAGIC_BYTE) {
    return undefined;
  }
  return value.readInt32BE(1);
}

/** Event data as UTF-8 JSON bytes. */
export function encodeJsonData(data: unknown): Buffer {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError('event data must be JSON-serializable (got undefined)');
  return Buffer.from(text);
}

/** Event data in the wire format: the header naming `schemaId`, then the JSON bytes. */
export function encodeWireData(schemaId: number, data: unknown): Buffer {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError('event data must be JSON-serializable (got undefined)');
  const value = Buffer.allocUnsafe(WIRE_HEADER_LENGTH + Buffer.byteLength(text));
  value[0] = MAGIC_BYTE;
  value.writeInt32BE(schemaId, 1);
  value.write(text, WIRE_HEADER_LENGTH);
  return value;
}

/**
 * The data of a binary-mode record's value in either framing: plain JSON, or the Confluent wire format, whose
 * JSON follows the 5-byte header. For readers that need the data alone (no attributes, no validation). The
 * schema id is not looked up: the data is checked against the contract's zod schema (the source of every
 * registered schema) by whoever validates it. The bytes are decoded strictly: JSON is UTF-8 (RFC 8259), and
 * read leniently an `accountId` with bad bytes would become U+FFFD, an id nobody sent.
 *
 * @throws DecodeError when the data is not UTF-8 (`data is not valid UTF-8…`) or not JSON.
 */
export function decodeEventData(value: Buffer | string, options: InvalidRecordErrorOptions = {}): unknown {
  const text =
    typeof value === 'string'
      ? value
      : decodeUtf8Strict(
          registrySchemaId(value) === undefined ? value : value.subarray(WIRE_HEADER_LENGTH),
          'data',
          options,
        );
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DecodeError(`data is not valid JSON: ${(error as Error).message}`, {
      ...options,
      cause: error,
    });
  }
}
