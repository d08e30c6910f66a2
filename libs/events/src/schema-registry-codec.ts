import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { DecodeError, type InvalidRecordErrorOptions, PrizedrawError, ValidationError } from './errors';
import { eventJsonSchema } from './event-json-schema';
import { type EventType, isEventType } from './event-schemas';
import { decodeJsonData, encodeJsonData, registrySchemaId } from './json-data';

/**
 * Encodes and decodes event data (a Kafka record's value in binary content mode): through a Confluent-
 * compatible schema registry when one is configured, else as plain JSON. Async because the registry is
 * reached over HTTP; the plain JSON path of `encodeEvent`/`decodeEvent` stays synchronous without a codec.
 */
export interface DataCodec {
  /** The registry in use, or undefined for plain JSON. */
  readonly schemaRegistryUrl: string | undefined;
  /**
   * Data of event `type` as a record value: the Confluent wire format (magic byte 0, 4-byte schema id, JSON)
   * with a registry, plain JSON without. `topic` only appears in error messages: the subject is the type.
   */
  encode(topic: string, type: string, data: unknown): Promise<Buffer>;
  /** A record value back to data: wire format via the registry (schema fetched once by id), else JSON. */
  decode(value: Buffer | string, options?: InvalidRecordErrorOptions): Promise<unknown>;
}

/** Options of {@link createDataCodec}. */
export interface DataCodecOptions {
  /** Base URL of the registry, e.g. `http://127.0.0.1:8081`. Unset or empty: plain JSON. */
  schemaRegistryUrl?: string | undefined;
}

/**
 * A {@link DataCodec} for `SCHEMA_REGISTRY_URL`, or plain JSON when it is not set.
 *
 * Subjects are named after the CloudEvent type (`prizedraw.stake.v1`), not `<topic>-value`: one topic carries
 * several types (activity carries stakes, awards and entries), and one subject per topic would force their
 * unrelated schemas to be "compatible" versions of each other. The `.v1` in the type already versions the
 * contract; the registry versions the schema within it (compatibility BACKWARD, the registry default). Each
 * schema is the JSON Schema derived from the zod schema, registered on first use and cached.
 *
 * @example
 * const codec = createDataCodec({ schemaRegistryUrl: config.SCHEMA_REGISTRY_URL });
 * const record = await encodeEvent(event, { dataCodec: codec, topic: topics.results, key: accountId });
 */
export function createDataCodec({ schemaRegistryUrl }: DataCodecOptions = {}): DataCodec {
  return schemaRegistryUrl ? registryDataCodec(schemaRegistryUrl) : jsonDataCodec;
}

const jsonDataCodec: DataCodec = {
  schemaRegistryUrl: undefined,
  encode: async (_topic, _type, data) => encodeJsonData(data),
  decode: async (value, options = {}) => decodeJsonData(value, options),
};

function registryDataCodec(url: string): DataCodec {
  const registry = new SchemaRegistry(
    { host: url, clientId: 'prizedraw' },
    {
      [SchemaType.JSON]: {
        // zod writes a `pattern` beside each `format`, so the pattern does the checking; declaring the
        // formats keeps ajv from refusing schemas with formats it does not bundle.
        formats: { 'date-time': true, email: true },
        detailedErrorPaths: true,
      },
    },
  );
  const schemaIds = new Map<string, Promise<number>>();

  const schemaIdFor = (type: EventType): Promise<number> => {
    let id = schemaIds.get(type);
    if (id === undefined) {
      id = registry
        .register(
          { type: SchemaType.JSON, schema: JSON.stringify(eventJsonSchema(type)) },
          // FORWARD is the contract's promise: a new version only adds optional fields, so consumers still on
          // the old schema read new data. (The library's default, BACKWARD, refuses an added field of an
          // open JSON object as a narrowing.)
          { subject: type, compatibility: COMPATIBILITY.FORWARD },
        )
        .then((registered) => registered.id);
      // A failed registration is forgotten so that the next record tries again.
      id.catch(() => schemaIds.delete(type));
      schemaIds.set(type, id);
    }
    return id;
  };

  return {
    schemaRegistryUrl: url,
    async encode(topic, type, data) {
      if (!isEventType(type)) {
        throw new ValidationError(
          [{ path: 'type', message: `No schema for event type ${JSON.stringify(type)}` }],
          {
            eventType: type,
            topic,
          },
        );
      }
      try {
        return await registry.encode(await schemaIdFor(type), data);
      } catch (error) {
        throw registryError(error, 'encode', `encode ${type} for ${topic}`, { topic });
      }
    },
    async decode(value, options = {}) {
      const schemaId = registrySchemaId(value);
      // Plain JSON still decodes, so a topic can move to the registry while old records remain.
      if (schemaId === undefined) return decodeJsonData(value, options);
      try {
        return await registry.decode(value as Buffer);
      } catch (error) {
        throw registryError(error, 'decode', `decode data of schema id ${schemaId}`, options);
      }
    },
  };
}

interface RegistryFailure {
  name?: string;
  status?: number;
  message?: string;
  paths?: unknown[];
}

// The client reports a refused connection as HTTP 400 with the socket error in the text, hence the pattern.
const NETWORK_FAILURE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up|timeout/i;

function registryError(
  error: unknown,
  direction: 'encode' | 'decode',
  action: string,
  options: InvalidRecordErrorOptions,
): PrizedrawError {
  const failure = (error ?? {}) as RegistryFailure;
  if (failure.name === 'ConfluentSchemaRegistryValidationError') {
    return new ValidationError(toIssues(failure.paths ?? [], failure.message), { ...options, cause: error });
  }
  // On decode, the record's own fault: bytes after the wire-format header that are not JSON, or an id the
  // registry never issued.
  if (direction === 'decode' && error instanceof SyntaxError) {
    return new DecodeError(`${action}: data is not valid JSON: ${error.message}`, {
      ...options,
      cause: error,
    });
  }
  if (direction === 'decode' && failure.status === 404) {
    return new DecodeError(`${action}: the schema registry does not know this schema id`, {
      ...options,
      cause: error,
    });
  }
  const retriable = (failure.status ?? 0) >= 500 || NETWORK_FAILURE.test(failure.message ?? '');
  return new PrizedrawError(`Schema registry failed to ${action}: ${failure.message ?? String(error)}`, {
    ...options,
    retriable,
    cause: error,
  });
}

/** ajv's `/prizes/0/name` paths as `data.prizes[0].name`. */
function toIssues(paths: unknown[], fallback = 'invalid payload') {
  const issues = paths.map((entry) => {
    const { path, message } = (entry ?? {}) as { path?: unknown; message?: unknown };
    const pointer = Array.isArray(path) ? String(path[0] ?? '') : '';
    const dotted = pointer
      .split('/')
      .filter((part) => part !== '')
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('');
    return { path: `data${dotted}`, message: typeof message === 'string' ? message : fallback };
  });
  return issues.length > 0 ? issues : [{ path: 'data', message: fallback }];
}
