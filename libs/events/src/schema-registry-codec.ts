import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { JSON_CONTENT_TYPE, REGISTRY_CONTENT_TYPE } from './cloud-event';
import { DecodeError, type InvalidRecordErrorOptions, PrizedrawError, ValidationError } from './errors';
import { eventJsonSchema } from './event-json-schema';
import { type EventType, eventSchemas, isEventType } from './event-schemas';
import { decodeEventData, encodeJsonData, encodeWireData, registrySchemaId } from './json-data';

/** Data as a record value, with what the record must say about it. */
export interface EncodedData {
  readonly value: Buffer;
  /** The record's `content-type`: {@link JSON_CONTENT_TYPE}, or {@link REGISTRY_CONTENT_TYPE}. */
  readonly contentType: string;
  /** The record's `ce_dataschema` with a registry: the registry's URL of the schema id. */
  readonly dataschema?: string;
}

/**
 * Encodes and decodes event data (a Kafka record's value in binary content mode): through a Confluent-
 * compatible schema registry when one is configured, else as plain JSON. Synchronous, so that a stream
 * sink can use it: the schema of every event type is registered when the codec is created.
 */
export interface DataCodec {
  /** The registry in use, or undefined for plain JSON. */
  readonly schemaRegistryUrl: string | undefined;
  /**
   * Data of event `type` as a record value: the Confluent wire format (magic byte 0, 4-byte schema id, JSON)
   * checked against the registered schema with a registry, plain JSON without. `topic` only appears in
   * error messages: the subject is the type.
   *
   * @throws ValidationError when the type has no schema or the data breaks it.
   */
  encode(topic: string, type: string, data: unknown): EncodedData;
  /**
   * A record value back to data, in either framing (plain JSON, or the wire format). With a registry, the
   * schema id of a wire-format value must be one the registry issued: the value of an id this codec has not
   * seen yet returns a Promise while the registry is asked (once per id); everything else returns the data.
   *
   * @throws DecodeError when the data is not JSON or the registry does not know the schema id (HTTP 404).
   * @throws PrizedrawError with `retriable: true` (the Promise rejects) when the registry could not be asked
   * or failed to answer: an outage is no fault of the record, which must wait and be decoded again later.
   */
  decode(value: Buffer | string, options?: InvalidRecordErrorOptions): unknown;
}

/** Options of {@link createDataCodec}. */
export interface DataCodecOptions {
  /**
   * Base URL of the registry's Confluent-compatible API, e.g. `http://127.0.0.1:8081` (for Apicurio
   * Registry `…/apis/ccompat/v7`). Unset or empty: plain JSON.
   */
  schemaRegistryUrl?: string | undefined;
}

/**
 * A {@link DataCodec} for `SCHEMA_REGISTRY_URL`, or plain JSON when it is not set. With a registry it
 * registers the schema of every event type first (an unchanged schema is a no-op for the registry), so
 * that encoding needs no request.
 *
 * Subjects are named after the CloudEvent type (`prizedraw.stake.v1`), not `<topic>-value`: one topic carries
 * several types (activity carries stakes, awards and entries), and one subject per topic would force their
 * unrelated schemas to be "compatible" versions of each other. The `.v1` in the type already versions the
 * contract; the registry versions the schema within it (compatibility FORWARD). Each schema is the JSON Schema
 * derived from the zod schema.
 *
 * @throws PrizedrawError (retriable when the registry could not be reached) when a schema cannot be registered.
 * @example
 * const codec = await createDataCodec({ schemaRegistryUrl: config.SCHEMA_REGISTRY_URL });
 * const record = encodeEvent(event, { dataCodec: codec, topic: topics.results, key: accountId });
 */
export async function createDataCodec({ schemaRegistryUrl }: DataCodecOptions = {}): Promise<DataCodec> {
  return schemaRegistryUrl ? registryDataCodec(schemaRegistryUrl) : jsonDataCodec;
}

const jsonDataCodec: DataCodec = {
  schemaRegistryUrl: undefined,
  encode: (_topic, _type, data) => ({ value: encodeJsonData(data), contentType: JSON_CONTENT_TYPE }),
  decode: (value, options = {}) => decodeEventData(value, options),
};

/** What a registered type encodes with: its schema id, the schema's validator and its URL. */
interface RegisteredSchema {
  readonly id: number;
  readonly schema: JsonSchemaValidator;
  readonly dataschema: string;
}

interface JsonSchemaValidator {
  isValid(payload: unknown, options: { errorHook: (path: string[], message: string) => void }): boolean;
}

type RegistryMiddleware = NonNullable<ConstructorParameters<typeof SchemaRegistry>[0]['middlewares']>[number];

// The client sets no timeout: a registry that takes connections but does not answer (frozen, or gone without a
// reset) would hold a stream batch, and the records behind it, for good. A timeout is a retriable failure.
const REGISTRY_TIMEOUT_MS = 5_000;
const requestTimeout: RegistryMiddleware = () => ({
  async prepareRequest(next) {
    const request = await next();
    return request.timeout() ? request : request.enhance({ timeout: REGISTRY_TIMEOUT_MS });
  },
});

async function registryDataCodec(url: string): Promise<DataCodec> {
  const base = url.replace(/\/+$/, '');
  const registry = new SchemaRegistry(
    // One retry of the client's own: the caller retries with back-off (a stream batch, the start-up).
    { host: base, clientId: 'prizedraw', retry: { retries: 1 }, middlewares: [requestTimeout] },
    {
      [SchemaType.JSON]: {
        // zod writes a `pattern` beside each `format`, so the pattern does the checking; declaring the
        // formats keeps ajv from refusing schemas with formats it does not bundle.
        formats: { 'date-time': true, email: true },
        detailedErrorPaths: true,
      },
    },
  );
  const registerType = async (type: EventType): Promise<[EventType, RegisteredSchema]> => {
    try {
      await setCompatibilityOfNewSubject(base, type);
      const { id } = await registry.register(
        { type: SchemaType.JSON, schema: JSON.stringify(eventJsonSchema(type)) },
        // FORWARD is the contract's promise: a new version only adds optional fields, so consumers still on
        // the old schema read new data. (The library's default, BACKWARD, refuses an added field of an
        // open JSON object as a narrowing.)
        { subject: type, compatibility: COMPATIBILITY.FORWARD },
      );
      const schema = (await registry.getSchema(id)) as unknown as JsonSchemaValidator;
      return [type, { id, schema, dataschema: `${base}/schemas/ids/${id}` }];
    } catch (error) {
      throw registryError(error, 'register', `register the schema of ${type}`, {});
    }
  };
  const [first, ...rest] = Object.keys(eventSchemas) as EventType[];
  // One type alone first: a registry that cannot be reached then fails one request (and its retries), not all.
  const registered = [await registerType(first!), ...(await Promise.all(rest.map(registerType)))];
  const byType = new Map(registered);
  // Ids this codec registered or found in the registry; a decode of another id asks the registry first.
  const knownIds = new Map<number, Promise<void> | true>();
  for (const { id } of byType.values()) knownIds.set(id, true);

  const lookUp = (schemaId: number, options: InvalidRecordErrorOptions): Promise<void> => {
    const found = registry.getSchema(schemaId).then(
      () => void knownIds.set(schemaId, true),
      (error: unknown) => {
        // A failed lookup is forgotten so that the next record asks again.
        knownIds.delete(schemaId);
        throw registryError(error, 'decode', `decode data of schema id ${schemaId}`, options);
      },
    );
    knownIds.set(schemaId, found);
    return found;
  };

  return {
    schemaRegistryUrl: base,
    encode(topic, type, data) {
      const registered = isEventType(type) ? byType.get(type) : undefined;
      if (registered === undefined) {
        throw new ValidationError(
          [{ path: 'type', message: `No schema for event type ${JSON.stringify(type)}` }],
          { eventType: type, topic },
        );
      }
      const paths: { path: string[]; message: string }[] = [];
      if (
        !registered.schema.isValid(data, {
          errorHook: (path, message) => paths.push({ path, message: String(message) }),
        })
      ) {
        throw new ValidationError(toIssues(paths), { eventType: type, topic });
      }
      return {
        value: encodeWireData(registered.id, data),
        contentType: REGISTRY_CONTENT_TYPE,
        dataschema: registered.dataschema,
      };
    },
    decode(value, options = {}) {
      const schemaId = registrySchemaId(value);
      // Plain JSON still decodes, so a topic can move to the registry while old records remain.
      const known = schemaId === undefined ? true : knownIds.get(schemaId);
      if (known === true) return decodeEventData(value, options);
      const pending = known ?? lookUp(schemaId!, options);
      return pending.then(() => decodeEventData(value, options));
    },
  };
}

/**
 * Sets a new subject's compatibility to FORWARD before its first schema is registered. The client sets it only
 * after registering, and in between the subject reads as the registry's default (NONE for Apicurio): a process
 * starting alongside then refused to start with "Compatibility does not match the configuration (FORWARD !=
 * NONE)" (a CI run, 2026-12-06; libs/service/test/start-data-codec-fresh-registry.test.ts). Set first, every
 * process reads FORWARD. A subject that already has a level keeps it: the client's register refuses any but
 * FORWARD.
 */
async function setCompatibilityOfNewSubject(base: string, subject: string): Promise<void> {
  const config = `${base}/config/${encodeURIComponent(subject)}`;
  if ((await registryRequest(config, 'GET')) !== 404) return;
  try {
    await registryRequest(config, 'PUT', { compatibility: COMPATIBILITY.FORWARD });
  } catch (error) {
    // Apicurio answers 409 to all but one of several PUTs at once: another process set the level just now, and
    // the client's register checks what it set.
    if ((error as RegistryFailure).status !== 409) throw error;
  }
}

/**
 * One request to the registry's API, for what the client does not offer; resolves with the status of a 2xx or
 * 404 answer. Rejects with what {@link registryError} reads: a `status` with the registry's message, or
 * `unreachable` when no answer came. (Node's http, as the client uses: Node 20's fetch, given a connection the
 * server closes at once, waits for its timeout, whose timer does not hold the process: a starting process with
 * nothing else to wait for exited with 0.)
 */
function registryRequest(url: string, method: 'GET' | 'PUT', body?: object): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { accept: REGISTRY_MEDIA_TYPE, 'content-type': REGISTRY_MEDIA_TYPE };
  return new Promise((resolve, reject) => {
    const unreachable = (error: Error) => reject(Object.assign(error, { unreachable: true }));
    // A URL's credentials go as basic auth (Node's http does that for a URL), as the client sends them.
    const request = send(target, { method, headers, timeout: REGISTRY_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', unreachable);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if ((status >= 200 && status < 300) || status === 404) return resolve(status);
        const answer =
          registryMessage(Buffer.concat(chunks)) ?? `${method} ${target.pathname}: HTTP ${status}`;
        reject(Object.assign(new Error(answer), { status }));
      });
    });
    request.on('timeout', () =>
      request.destroy(new Error(`no answer in ${REGISTRY_TIMEOUT_MS} ms (timeout)`)),
    );
    request.on('error', unreachable);
    request.end(body && JSON.stringify(body));
  });
}

/** The `message` of a registry's JSON error answer, if it has one. */
function registryMessage(answer: Buffer): string | undefined {
  try {
    const { message } = JSON.parse(answer.toString()) as { message?: unknown };
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

const REGISTRY_MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';

interface RegistryFailure {
  status?: number;
  message?: string;
  /** Set by {@link registryRequest} when the registry gave no answer. */
  unreachable?: boolean;
}

// The client reports a connection that failed as HTTP 400 with the socket error in the text (mappersmith's
// client error; the text is empty for some, kafkajs/confluent-schema-registry#306), hence the patterns.
const NETWORK_FAILURE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up|timeout/i;
const NO_ANSWER = /Error, status 400(?::|$)/;

function registryError(
  error: unknown,
  direction: 'register' | 'decode',
  action: string,
  options: InvalidRecordErrorOptions,
): PrizedrawError {
  const failure = (error ?? {}) as RegistryFailure;
  const status = failure.status;
  // On decode, an id the registry never issued is the record's own fault: dead-letter it.
  if (direction === 'decode' && status === 404) {
    return new DecodeError(`${action}: the schema registry does not know this schema id`, {
      ...options,
      cause: error,
    });
  }
  const message = failure.message ?? '';
  const unreachable =
    failure.unreachable === true ||
    NETWORK_FAILURE.test(message) ||
    (status === 400 && NO_ANSWER.test(message)) ||
    status === 408;
  // On decode, any other HTTP failure (unreachable, 5xx, a refused login) is no fault of the record: it waits
  // for the registry rather than going to the dead-letter topic. Registering at start-up, a 4xx answer (an
  // incompatible schema, a refused login) needs an operator.
  const retriable =
    unreachable || status === 429 || (status ?? 0) >= 500 || (direction === 'decode' && status !== undefined);
  return new PrizedrawError(`Schema registry failed to ${action}: ${failure.message ?? String(error)}`, {
    ...options,
    retriable,
    cause: error,
  });
}

/** ajv's `/prizes/0/name` paths as `data.prizes[0].name`. */
function toIssues(paths: readonly { path: readonly string[]; message: string }[]) {
  const issues = paths.map(({ path, message }) => {
    const pointer = path[0] ?? '';
    const dotted = pointer
      .split('/')
      .filter((part) => part !== '')
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('');
    return { path: `data${dotted}`, message };
  });
  return issues.length > 0 ? issues : [{ path: 'data', message: 'invalid payload' }];
}
