import { createServer } from 'node:net';
import { decodeEvent, encodeEvent } from './cloud-event-codec';
import { DecodeError, PrizedrawError } from './errors';
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
  it('when the URL is unset or empty, then writes plain JSON, synchronously', async () => {
    const codec = await createDataCodec();
    expect(codec.schemaRegistryUrl).toBeUndefined();
    expect((await createDataCodec({ schemaRegistryUrl: '' })).schemaRegistryUrl).toBeUndefined();
    expect(codec.encode('t', event.type, event.data)).toEqual({
      value: Buffer.from('{"drawId":"d1"}'),
      contentType: 'application/json',
    });
    expect(codec.decode(Buffer.from('{"drawId":"d1"}'))).toEqual({ drawId: 'd1' });
  });

  it('when used by encodeEvent/decodeEvent, then gives byte for byte the record of the codec-less path', async () => {
    const codec = await createDataCodec();
    const viaCodec = encodeEvent(event, { dataCodec: codec, topic: 't', key: 'd1' });
    expect(viaCodec).toEqual(encodeEvent(event, { key: 'd1' }));
    expect(decodeEvent(viaCodec, { dataCodec: codec })).toEqual(decodeEvent(viaCodec));
  });

  it('when the data is not JSON, then DecodeError', async () => {
    const codec = await createDataCodec();
    expect(() => codec.decode(Buffer.from('{'))).toThrow(DecodeError);
  });

  it('when the value is in the wire format, then the JSON after the header, without asking a registry', async () => {
    const codec = await createDataCodec();
    expect(codec.decode(Buffer.from([0, 0, 0, 0, 3, 123, 125]))).toEqual({});
  });
});

describe('createDataCodec with a registry that is not there', () => {
  it('when the registry refuses connections, then creating the codec fails with a retriable error', async () => {
    const pending = createDataCodec({ schemaRegistryUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrizedrawError);
    expect(error).not.toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ retriable: true, message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('when the registry closes every connection without an answer, then the error is retriable', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const error = await createDataCodec({ schemaRegistryUrl: `http://127.0.0.1:${port}` }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PrizedrawError);
      expect(error).toMatchObject({ retriable: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
