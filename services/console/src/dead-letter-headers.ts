import { isUtf8 } from 'node:buffer';
import type { IHeaders } from 'kafkajs';

/** One value of a header: its bytes, or null for a header without a value (Kafka allows both). */
export type HeaderBytes = Buffer | null;

/** Each header name with every one of its values, in the order the record carried them. */
export type HeaderValues = Readonly<Record<string, readonly HeaderBytes[]>>;

/** A header value as the API shows it: text when it is UTF-8, else its bytes in hex; null without a value. */
export type ShownHeaderValue = { text: string } | { hex: string } | null;

/**
 * A consumed record's headers with every value of each. KafkaJS's decoder gives a repeated header's values
 * as an array in the order read, and one value alone; it gives null for a header without a value, which its
 * type does not say (nor does it ever give the undefined its type allows, taken as null here).
 */
export function headerValuesOf(headers: IHeaders | undefined): HeaderValues {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name,
      (Array.isArray(value) ? value : [value]).map(bytesOf),
    ]),
  );
}

/** The first value of `name` as text, if the record has one. */
export function firstText(headers: HeaderValues, name: string): string | undefined {
  return Object.hasOwn(headers, name) ? headers[name]?.[0]?.toString('utf8') : undefined;
}

export function shownHeaderValue(bytes: HeaderBytes): ShownHeaderValue {
  if (bytes === null) return null;
  return isUtf8(bytes) ? { text: bytes.toString('utf8') } : { hex: bytes.toString('hex') };
}

const bytesOf = (value: Buffer | string | null | undefined): HeaderBytes =>
  value === null || value === undefined ? null : Buffer.isBuffer(value) ? value : Buffer.from(value);
