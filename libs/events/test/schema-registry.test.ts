import {
  createDataCodec,
  DecodeError,
  decodeAndValidate,
  EVENT_TYPES,
  encodeEvent,
  eventJsonSchema,
  type PrizedrawCloudEvent,
  type PublicEventType,
  REGISTRY_CONTENT_TYPE,
  ValidationError,
} from '@prizedraw/events';
import { validEventData as data } from './support/example-event-data';

// Round trips through the real schema registry of the local stack (deploy/local/stack up registry; `stack env`
// exports its address as PRIZEDRAW_REGISTRY_URL). Subjects are the event types, shared by every run: registering an
// unchanged schema again is a no-op for the registry, so runs do not disturb each other.

const registryUrl = process.env.PRIZEDRAW_REGISTRY_URL;

const buildEvent = (type: PublicEventType): PrizedrawCloudEvent => ({
  id: `it-${type}`,
  source: '/prizedraw/test',
  type,
  specversion: '1.0',
  time: '2024-11-22T10:00:00+01:00',
  data: data[type],
  extensions: {},
  timeline: [{ stage: 'occurred', at: 1732266000000 }],
});

async function registry(path: string): Promise<unknown> {
  const response = await fetch(`${registryUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

describe('schema registry encoding', () => {
  beforeAll(() => {
    if (!registryUrl) {
      throw new Error(
        "PRIZEDRAW_REGISTRY_URL is not set: start the stack's schema registry (`deploy/local/stack up registry`, " +
          'then `eval "$(deploy/local/stack env)"`) before running these tests.',
      );
    }
  });

  it.each(Object.values(EVENT_TYPES))(
    'when %s is encoded, then the value is in the wire format and decodes through the registry',
    async (type) => {
      const record = encodeEvent(buildEvent(type), {
        dataCodec: await createDataCodec({ schemaRegistryUrl: registryUrl }),
        topic: 'local.demo.cpp.activity',
        key: 'a1',
      });
      expect(record.value[0]).toBe(0);
      const schemaId = record.value.readInt32BE(1);
      expect(schemaId).toBeGreaterThan(0);
      // Not application/json: the bytes are not JSON. The dataschema is where a client finds the schema.
      expect(record.headers).toMatchObject({
        ce_type: type,
        'content-type': REGISTRY_CONTENT_TYPE,
        ce_dataschema: `${registryUrl}/schemas/ids/${schemaId}`,
      });

      const decoded = await decodeAndValidate(record, {
        dataCodec: await createDataCodec({ schemaRegistryUrl: registryUrl }),
      });
      expect(decoded.type).toBe(type);
      expect(decoded.timeline).toEqual([{ stage: 'occurred', at: 1732266000000 }]);
      expect(decoded.data).toMatchObject(data[type] as object);
    },
  );

  it('when a type is encoded, then its subject and its dataschema URL hold the JSON Schema derived from zod', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const record = encodeEvent(buildEvent(EVENT_TYPES.stake), { dataCodec: codec, topic: 't' });
    const latest = (await registry(`/subjects/${EVENT_TYPES.stake}/versions/latest`)) as {
      id: number;
      schemaType?: string;
      schema: string;
    };
    expect(latest.schemaType).toBe('JSON');
    expect(JSON.parse(latest.schema)).toEqual(eventJsonSchema(EVENT_TYPES.stake));
    expect(record.value.readInt32BE(1)).toBe(latest.id);
    const byId = (await (await fetch(String(record.headers.ce_dataschema))).json()) as { schema: string };
    expect(JSON.parse(byId.schema)).toEqual(eventJsonSchema(EVENT_TYPES.stake));
  });

  it('when the same type is encoded again, then the schema id is reused and no version is added', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const first = encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), { dataCodec: codec, topic: 't' });
    const versions = await registry(`/subjects/${EVENT_TYPES.drawTrigger}/versions`);
    const again = [1, 2, 3].map(() =>
      encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), { dataCodec: codec, topic: 't' }),
    );
    const otherCodec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const fromOther = encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), {
      dataCodec: otherCodec,
      topic: 't',
    });
    for (const record of [...again, fromOther])
      expect(record.value.readInt32BE(1)).toBe(first.value.readInt32BE(1));
    expect(await registry(`/subjects/${EVENT_TYPES.drawTrigger}/versions`)).toEqual(versions);
  });

  it('when data breaks the registered schema, then ValidationError naming the field', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const bad = {
      ...buildEvent(EVENT_TYPES.stake),
      data: { ...(data[EVENT_TYPES.stake] as object), stakeMinor: '250' },
    };
    let error: unknown;
    try {
      encodeEvent(bad, { dataCodec: codec, topic: 't' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('data.stakeMinor');
  });

  it('when a value names a schema id the registry does not know, then DecodeError', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const value = Buffer.concat([Buffer.from([0]), Buffer.alloc(4), Buffer.from('{"drawId":"xmas"}')]);
    value.writeInt32BE(2_000_000_000, 1);
    const record = { ...encodeEvent(buildEvent(EVENT_TYPES.drawTrigger)), value };
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await Promise.resolve(decodeAndValidate(record, { dataCodec: codec })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).reason).toMatch(/does not know this schema id/);
    }
  });

  it('when a schema id the codec did not register is a real one, then it is looked up once, then read synchronously', async () => {
    // A schema registered by some other producer, under a subject of its own.
    const response = await fetch(`${registryUrl}/subjects/prizedraw-test.other-producer/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({
        schemaType: 'JSON',
        schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }),
      }),
    });
    expect(response.ok).toBe(true);
    const { id } = (await response.json()) as { id: number };
    const value = Buffer.concat([Buffer.from([0]), Buffer.alloc(4), Buffer.from('{"drawId":"xmas"}')]);
    value.writeInt32BE(id, 1);
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const first = codec.decode(value);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ drawId: 'xmas' });
    expect(codec.decode(value)).toEqual({ drawId: 'xmas' });
  });

  it('when the bytes after the wire-format header are not JSON, then DecodeError', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const good = encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), { dataCodec: codec, topic: 't' });
    const value = Buffer.concat([good.value.subarray(0, 5), Buffer.from('{"drawId":')]);
    let error: unknown;
    try {
      decodeAndValidate({ ...good, value }, { dataCodec: codec });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).reason).toMatch(/data is not valid JSON/);
  });

  it('when plain JSON arrives at a registry consumer, then it still decodes', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const decoded = await decodeAndValidate(encodeEvent(buildEvent(EVENT_TYPES.drawTrigger)), {
      dataCodec: codec,
    });
    expect(decoded.data).toEqual(data[EVENT_TYPES.drawTrigger]);
  });
});
