// KafkaJS is patched (patches/kafkajs@2.2.4.patch): the record encoder uses unzeroed buffers, writes varints,
// short ASCII strings and headers in place (a header the record before repeats is copied from where it was
// written), and int32 varlongs without BigInt; the produce request finds a batch's first and last timestamp
// without sorting; the key hash is computed in 32-bit ints; batch checksums come from @node-rs/crc32; the
// decoder fills one headers object and reads offsets and timestamps as numbers while they fit, and header names
// through a cache; an uncompressed partition's batch is written in one buffer, each record before its length,
// and a request's size prefix in place.
// Records must still read back exactly and keys must land where the Java client puts them.
import murmur2 from 'kafkajs/src/producer/partitioners/default/murmur2';
import Decoder from 'kafkajs/src/protocol/decoder';
import crc32C from 'kafkajs/src/protocol/recordBatch/crc32C';
import encodeRecord from 'kafkajs/src/protocol/recordBatch/record/v0';
import { RecordBatch } from 'kafkajs/src/protocol/recordBatch/v0';
import decodeBatch from 'kafkajs/src/protocol/recordBatch/v0/decoder';
import encodeRequest from 'kafkajs/src/protocol/request';
import produceRequest from 'kafkajs/src/protocol/requests/produce/v3/request';

async function roundTrip(records: Parameters<typeof encodeRecord>[0][]) {
  const encoded = await RecordBatch({
    records: records.map(encodeRecord),
    firstTimestamp: 1_000,
    transactional: true,
  });
  // RecordBatch writes FirstOffset then the rest as length-prefixed bytes, which is what the decoder reads.
  const decoder = new Decoder(encoded.buffer);
  const firstOffset = decoder.readInt64();
  const batch = Buffer.alloc(12);
  batch.writeBigInt64BE(BigInt(firstOffset.toString()));
  const rest = decoder.readBytes();
  batch.writeInt32BE(rest.length, 8);
  return (await decodeBatch(new Decoder(Buffer.concat([batch, rest])))).records;
}

describe('the patched KafkaJS record encoder', () => {
  it('reads back keys, values, timestamps and headers of every size', async () => {
    const records = Array.from({ length: 300 }, (_, i) => ({
      offsetDelta: i,
      timestampDelta: i * 1_000_003,
      key: i % 7 === 0 ? null : Buffer.from(`account-${i}`),
      value: i % 11 === 0 ? null : Buffer.from('é'.repeat(i * 29)),
      headers: {
        ce_id: `id-${i}`,
        ce_type: Buffer.from('prizedraw.stake.v1'),
        'x-ü': ['a', 'ü'.repeat(i * 3)],
      },
    }));
    const decoded = await roundTrip(records);
    expect(decoded).toHaveLength(300);
    decoded.forEach((record, i) => {
      expect(record.offset).toBe(String(i));
      expect(record.timestamp).toBe(String(1_000 + i * 1_000_003));
      expect(record.key?.toString() ?? null).toBe(i % 7 === 0 ? null : `account-${i}`);
      expect(record.value?.toString() ?? null).toBe(i % 11 === 0 ? null : 'é'.repeat(i * 29));
      expect(record.headers.ce_id?.toString()).toBe(`id-${i}`);
      expect(record.headers.ce_type?.toString()).toBe('prizedraw.stake.v1');
      expect((record.headers['x-ü'] as Buffer[]).map(String)).toEqual(['a', 'ü'.repeat(i * 3)]);
    });
  });

  it('writes string headers and keys as the same bytes as their UTF-8 Buffers, null header values too', () => {
    // Short ASCII strings are written by a loop in JavaScript, the rest by Node's UTF-8 encoder.
    const texts = [
      '',
      'ce_id',
      'a'.repeat(128),
      'a'.repeat(129),
      'ü',
      `${'x'.repeat(127)}é`,
      '🎟️ ticket',
      '\ud800',
    ];
    for (const text of texts) {
      const asStrings = encodeRecord({ key: text, value: text, headers: { [text]: [text, text], n: null } });
      const asBuffers = encodeRecord({
        key: Buffer.from(text),
        value: Buffer.from(text),
        headers: { [text]: [Buffer.from(text), Buffer.from(text)], n: null },
      });
      expect(asStrings.buffer).toEqual(asBuffers.buffer);
    }
  });

  it('reads back timestamp deltas beyond 32 and 49 bits, negative ones included', async () => {
    // 2^31 and 2^40 are written through BigInt and read as numbers; 2^50 needs 8 bytes and is read as a Long.
    const deltas = [
      2 ** 31 - 1,
      2 ** 31,
      -(2 ** 31),
      -(2 ** 31) - 1,
      2 ** 40,
      -(2 ** 40),
      2 ** 50,
      -(2 ** 50),
      -1,
      0,
    ];
    const decoded = await roundTrip(
      deltas.map((timestampDelta) => ({ timestampDelta, key: null, value: Buffer.from('v') })),
    );
    expect(decoded.map((record) => record.timestamp)).toEqual(deltas.map((delta) => String(1_000 + delta)));
  });

  it('reads header names back through its cache of names: many, alike, long, empty and not ASCII', async () => {
    // Names are cached by a hash of their bytes in 256 slots: 1,000 distinct names evict each other, names of
    // one length differing in a byte must not be taken for one another, and names above 64 bytes skip it.
    const names = (i: number) => [`n${i}`, `m${i % 7}`, `ü${'x'.repeat(i % 70)}`, '', 'ce_id'];
    const records = Array.from({ length: 1_000 }, (_, i) => ({
      offsetDelta: i,
      key: null,
      value: Buffer.from('v'),
      headers: Object.fromEntries(names(i).map((name, h) => [name, `${h}:${i}`])),
    }));
    const decoded = await roundTrip(records);
    decoded.forEach((record, i) => {
      expect(Object.keys(record.headers)).toEqual(names(i));
      expect(Object.values(record.headers).map(String)).toEqual(names(i).map((_, h) => `${h}:${i}`));
    });
  });

  it('keeps headers named like Object.prototype members as plain headers', async () => {
    const [record] = await roundTrip([
      { key: null, value: Buffer.from('v'), headers: { ['__proto__']: 'x', toString: 'y' } },
    ]);
    expect(Object.getPrototypeOf(record!.headers)).toBe(Object.prototype);
    expect(Object.keys(record!.headers)).toEqual(['__proto__', 'toString']);
    expect(String(record!.headers.toString)).toBe('y');
  });
});

describe('the patched KafkaJS produce request', () => {
  it('gives every record its own timestamp, whatever their order, and the time of sending to those without', async () => {
    const timestamps = ['1795000000500', '1795000000100', undefined, '1795000000900', '1795000000100'];
    const before = Date.now();
    const request = produceRequest({
      acks: -1,
      timeout: 30_000,
      topicData: [
        {
          topic: 'stakes',
          partitions: [
            {
              partition: 3,
              firstSequence: 0,
              messages: timestamps.map((timestamp, i) => ({
                key: null,
                value: Buffer.from(`v${i}`),
                timestamp,
              })),
            },
          ],
        },
      ],
    });
    const decoder = new Decoder((await request.encode()).buffer);
    decoder.readString(); // transactional id
    decoder.readInt16(); // acks
    decoder.readInt32(); // timeout
    expect(decoder.readInt32()).toBe(1); // topics
    expect(decoder.readString()).toBe('stakes');
    expect(decoder.readInt32()).toBe(1); // partitions
    expect(decoder.readInt32()).toBe(3);
    const { records } = await decodeBatch(new Decoder(decoder.readBytes()));
    expect(records.map((record) => record.value?.toString())).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    records.forEach((record, i) => {
      if (timestamps[i] !== undefined) expect(record.timestamp).toBe(timestamps[i]);
      else expect(Number(record.timestamp)).toBeGreaterThanOrEqual(before);
    });
  });
});

describe('the patched KafkaJS produce request, uncompressed', () => {
  // Written in one buffer per partition; RecordBatch, still used for compressed batches, is the reference.
  const messages = Array.from({ length: 60 }, (_, i) => ({
    key: i % 5 === 0 ? null : `acc-${i}${'ü'.repeat(i % 3)}`,
    value: i % 9 === 0 ? null : Buffer.from('é'.repeat(i * 3)),
    timestamp: String(1_795_000_000_000 + ((i * 7919) % 1000)),
    // Header values repeated from record to record (copied from where the last was written), changing
    // every few records, at positions that shift when a record has a header more.
    headers: {
      ...(i % 4 === 0 && { ce_subject: `acc-${i}` }),
      ce_id: `id-${i}`,
      ce_source: '/prizedraw/ticket-rules',
      ce_type: i % 6 < 3 ? 'prizedraw.stake.v1' : 'prizedraw.tickets-granted.v1',
      ce_timeline: `occurred@${1_795_000_000_000 + Math.floor(i / 7)}`,
      'x-ü': ['a', Buffer.from('b'), 'c'.repeat(i * 3)],
      n: null,
    },
  }));
  // Records are written before their length: these hold bodies of 8 KiB and more (a 3-byte length, the body
  // moved right) in headers, which the first size of the buffer, taken from the values, does not foresee.
  const large = Array.from({ length: 4 }, (_, i) => ({
    key: `acc-${i}`,
    value: null,
    timestamp: '1795000000000',
    // A header first written in a record whose body moved (the third), repeated by the next: where it was
    // written first is no copy of it any more.
    headers: {
      ce_id: 'x'.repeat(4_000 * (i + 1)),
      ce_type: i < 2 ? 'prizedraw.stake.v1' : 'prizedraw.tickets-granted.v1',
      'x-ü': ['ü'.repeat(3_000 * i)],
      n: null,
    },
  }));
  type Sent = Parameters<typeof produceRequest>[0]['topicData'][number]['partitions'][number]['messages'];
  const request = (written: Sent = messages) =>
    produceRequest({
      acks: -1,
      timeout: 30_000,
      transactionalId: 'app-3',
      producerId: 4711,
      producerEpoch: 2,
      topicData: [{ topic: 'stakes', partitions: [{ partition: 5, firstSequence: 42, messages: written }] }],
    });

  it.each([
    ['small and mid-sized', messages],
    ['large', large],
  ])('writes the bytes RecordBatch writes, header, checksum and %s records', async (_, sent) => {
    const decoder = new Decoder((await request(sent).encode()).buffer);
    expect(decoder.readString()).toBe('app-3');
    decoder.readInt16(); // acks
    decoder.readInt32(); // timeout
    expect(decoder.readInt32()).toBe(1);
    expect(decoder.readString()).toBe('stakes');
    expect(decoder.readInt32()).toBe(1);
    expect(decoder.readInt32()).toBe(5);
    const written = decoder.readBytes();

    const timestamps = sent.map((message) => Number(message.timestamp));
    const first = Math.min(...timestamps);
    const expected = await RecordBatch({
      records: sent.map(({ key, value, headers }, i) =>
        encodeRecord({ key, value, headers, offsetDelta: i, timestampDelta: timestamps[i]! - first }),
      ),
      firstTimestamp: first,
      maxTimestamp: Math.max(...timestamps),
      transactional: true,
      producerId: 4711,
      producerEpoch: 2,
      firstSequence: 42,
      lastOffsetDelta: sent.length - 1,
    });
    expect(written).toEqual(expected.buffer);
  });

  it('prefixes the request with its size, written in place', async () => {
    const body = (await request().encode()).buffer;
    const wire = (await encodeRequest({ correlationId: 7, clientId: 'client-ü', request: request() })).buffer;
    expect(wire.readInt32BE(0)).toBe(wire.length - 4);
    const header = new Decoder(wire.subarray(4));
    expect([header.readInt16(), header.readInt16(), header.readInt32(), header.readString()]).toEqual([
      0, // Produce
      3,
      7,
      'client-ü',
    ]);
    expect(wire.subarray(wire.length - body.length)).toEqual(body);
  });
});

describe('the patched KafkaJS batch checksum', () => {
  it('is CRC-32C, as brokers check it', () => {
    // The check values of CRC-32C (Castagnoli): RFC 3720 B.4 and the catalogue's "123456789".
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32C(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32C(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32C(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
  });
});

describe('the patched KafkaJS key hash', () => {
  it("gives the murmur2 values of Kafka's own UtilsTest, so keys land on the partitions Java clients pick", () => {
    expect(
      ['21', 'foobar', 'a-little-bit-long-string', 'a-little-bit-longer-string', 'abc', ''].map(murmur2),
    ).toEqual([-973932308, -790332482, -985981536, -1486304829, 479470107, 275646681]);
    expect(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')).toBe(-58897971);
  });

  it('hashes bytes with the high bit set as unpatched KafkaJS did', () => {
    // Values from KafkaJS 2.2.4 before the patch: bytes of 0x80 and above make the 32-bit words negative.
    expect(murmur2(Buffer.from([0xff, 0x80, 0x00, 0x7f, 0xfe]))).toBe(768357719);
    expect(murmur2(Buffer.from([0x80, 0x81, 0xfe, 0xff, 0x90, 0xa0, 0xb0, 0xc0]))).toBe(-1732501839);
    expect(murmur2('ü€')).toBe(1453868851);
  });
});
