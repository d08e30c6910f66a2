// KafkaJS is patched (patches/kafkajs@2.2.4.patch): the record encoder uses unzeroed buffers, writes varints
// and headers in place; the decoder fills one headers object. Records must still read back exactly.
import Decoder from 'kafkajs/src/protocol/decoder';
import encodeRecord from 'kafkajs/src/protocol/recordBatch/record/v0';
import { RecordBatch } from 'kafkajs/src/protocol/recordBatch/v0';
import decodeBatch from 'kafkajs/src/protocol/recordBatch/v0/decoder';

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

  it('keeps headers named like Object.prototype members as plain headers', async () => {
    const [record] = await roundTrip([
      { key: null, value: Buffer.from('v'), headers: { ['__proto__']: 'x', toString: 'y' } },
    ]);
    expect(Object.getPrototypeOf(record!.headers)).toBe(Object.prototype);
    expect(Object.keys(record!.headers)).toEqual(['__proto__', 'toString']);
    expect(String(record!.headers.toString)).toBe('y');
  });
});
