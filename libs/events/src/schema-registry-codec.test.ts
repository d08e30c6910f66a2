import { createServer } from 'node:net';
import { decodeEvent, encodeEvent } from './cloud-event-codec';
import { DecodeError, PrizedrawError, ValidationError } from './errors';
import { EVENT_TYPES } from './event-schemas';
import { createDataCodec } from './schema-registry-codec';

// The registry path against a real registry is in test/schema-registry.test.ts; these cases need none.

const event = {
  id: 'e1',
  source: '/test',
  type: EVENT_TYPES.drawTrigger,
  time: '2024-11-22T10:00:00Z',
  data: { drawId: 'd1' },
};

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createDataCodec without a registry', () => {
  const codec = createDataCodec();

  it('when the URL is unset or empty, then writes plain JSON', async () => {
    expect(codec.schemaRegistryUrl).toBeUndefined();
    expect(createDataCodec({ schemaRegistryUrl: '' }).schemaRegistryUrl).toBeUndefined();
    expect((await codec.encode('t', event.type, event.data)).toString()).toBe('{"drawId":"d1"}');
    expect(await codec.decode(Buffer.from('{"drawId":"d1"}'))).toEqual({ drawId: 'd1' });
  });

  it('when used by encodeEvent/decodeEvent, then gives the same record as the sync path', async () => {
    const viaCodec = await encodeEvent(event, { dataCodec: codec, topic: 't', key: 'd1' });
    expect(viaCodec).toEqual(encodeEvent(event, { key: 'd1' }));
    expect(await decodeEvent(viaCodec, { dataCodec: codec })).toEqual(decodeEvent(viaCodec));
  });

  it('when the data is not JSON, then DecodeError', async () => {
    await expect(codec.decode(Buffer.from('{'))).rejects.toBeInstanceOf(DecodeError);
  });

  it('when the value is in the wire format, then a non-retriable configuration error', async () => {
    const error = await codec.decode(Buffer.from([0, 0, 0, 0, 3, 123, 125])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrizedrawError);
    expect(error).not.toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ retriable: false, message: expect.stringMatching(/schema id 3/) });
  });

  it('when encodeEvent meets a bad attribute, then the Promise rejects (no sync throw)', async () => {
    const pending = encodeEvent({ ...event, id: '' }, { dataCodec: codec, topic: 't' });
    await expect(pending).rejects.toBeInstanceOf(TypeError);
  });

  it('when decodeEvent meets a bad envelope, then the Promise rejects (no sync throw)', async () => {
    const pending = decodeEvent({ value: null }, { dataCodec: codec });
    await expect(pending).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('createDataCodec with a registry that is not there', () => {
  it('when the type has no schema, then ValidationError before any request', async () => {
    const codec = createDataCodec({ schemaRegistryUrl: `http://127.0.0.1:${await closedPort()}` });
    await expect(codec.encode('t', 'acme.other.v1', {})).rejects.toBeInstanceOf(ValidationError);
  });

  it('when the registry refuses connections, then a retriable error, and the next call tries again', async () => {
    const codec = createDataCodec({ schemaRegistryUrl: `http://127.0.0.1:${await closedPort()}` });
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await codec.encode('t', event.type, event.data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrizedrawError);
      expect(error).toMatchObject({ retriable: true, message: expect.stringMatching(/ECONNREFUSED/) });
    }
  });

  it('when plain JSON arrives, then it decodes without the registry', async () => {
    const codec = createDataCodec({ schemaRegistryUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await codec.decode(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
  });
});
