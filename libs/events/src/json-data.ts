import { DecodeError, type InvalidRecordErrorOptions, PrizedrawError } from './errors';

// Internal: event data as plain JSON bytes, and recognising the Confluent wire format so a value encoded
// through a schema registry is never mistaken for garbage.

const MAGIC_BYTE = 0;

/** The schema id of a Confluent wire-format value (magic byte 0, 4-byte id), or undefined for plain JSON. */
export function registrySchemaId(value: Buffer | string): number | undefined {
  // JSON text never starts with a NUL byte, so the magic byte cannot be confused with plain JSON.
  if (typeof value === 'string' || value.length < 5 || value[0] !== MAGIC_BYTE) return undefined;
  return value.readInt32BE(1);
}

/** Event data as UTF-8 JSON bytes. */
export function encodeJsonData(data: unknown): Buffer {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError('event data must be JSON-serializable (got undefined)');
  return Buffer.from(text);
}

/**
 * Plain JSON event data. A wire-format value means this consumer lacks the registry configuration, which is
 * no fault of the record: that throws a non-retriable {@link PrizedrawError} (stop, fix config) rather than
 * a {@link DecodeError} (dead-letter the record).
 */
export function decodeJsonData(value: Buffer | string, options: InvalidRecordErrorOptions): unknown {
  const schemaId = registrySchemaId(value);
  if (schemaId !== undefined) {
    throw new PrizedrawError(
      `Record data is in the schema registry wire format (schema id ${schemaId}); decode it with a data codec ` +
        'created with the registry URL (set SCHEMA_REGISTRY_URL)',
      options,
    );
  }
  try {
    return JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    throw new DecodeError(`data is not valid JSON: ${(error as Error).message}`, {
      ...options,
      cause: error,
    });
  }
}
