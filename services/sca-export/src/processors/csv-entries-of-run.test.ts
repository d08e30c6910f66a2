import { DecodeError, PIPELINE_EVENT_TYPES, type RunChunk, type RunEntry } from '@prizedraw/events';
import { csvEntriesOfRun } from './csv-entries-of-run';

const contestEntry = (entryId: string) => ({
  entryId,
  utmContent: 'spring',
  email: `${entryId}@example.com`,
  enteredAt: '2026-03-02T10:00:00.000Z',
});
const rowOf = (entryId: string) => ({ ...contestEntry(entryId), createdAt: contestEntry(entryId).enteredAt });
const ticket = 'ffffffff-ffff-4fff-8fff-000000000000';
const chunk: RunChunk = {
  drawId: 'd1',
  partition: 0,
  firstSeq: 0,
  entries: [
    { ticket, customerId: 'c-1', tickets: 2, entries: [contestEntry('e-1'), contestEntry('e-2')] },
    { ticket, customerId: 'c-2', tickets: 1, entries: [contestEntry('e-3')], excluded: true },
    { ticket, customerId: 'c-1', tickets: 2 },
    { ticket, customerId: 'c-3', tickets: 1, entries: [contestEntry('e-4')] },
  ],
};
const runEntry: RunEntry = { drawId: 'd1', partition: 0, seq: 0, ...chunk.entries[0]! };
const CHUNK = PIPELINE_EVENT_TYPES.runChunk;

/** The data as a schema registry producer writes it: byte 0, a 4-byte schema id, then the JSON. */
const wireFormat = (data: unknown, schemaId = 42) => {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, Buffer.from(JSON.stringify(data))]);
};

describe('csvEntriesOfRun', () => {
  it('when a run chunk is plain JSON, then one row per contest entry in order, none of an excluded customer, and every run entry counted', () => {
    expect(csvEntriesOfRun(CHUNK, Buffer.from(JSON.stringify(chunk)), 'd1')).toEqual({
      entries: 4,
      rows: ['e-1', 'e-2', 'e-4'].map(rowOf),
    });
  });

  it('when the data is registry-framed (SCHEMA_REGISTRY_URL set), then the same rows', () => {
    expect(csvEntriesOfRun(CHUNK, wireFormat(chunk), 'd1').rows).toEqual(['e-1', 'e-2', 'e-4'].map(rowOf));
  });

  it('when the record is a run entry of an older wallet, then its rows, none when it is excluded', () => {
    const type = PIPELINE_EVENT_TYPES.runEntry;
    expect(csvEntriesOfRun(type, wireFormat(runEntry), 'd1')).toEqual({
      entries: 1,
      rows: ['e-1', 'e-2'].map(rowOf),
    });
    expect(csvEntriesOfRun(type, wireFormat({ ...runEntry, excluded: true }), 'd1')).toEqual({
      entries: 1,
      rows: [],
    });
  });

  it('when the value is not JSON, is of another draw or a chunk without entries, then DecodeError', () => {
    expect(() => csvEntriesOfRun(CHUNK, Buffer.from('{"drawId":'), 'd1')).toThrow(DecodeError);
    expect(() => csvEntriesOfRun(CHUNK, wireFormat(chunk), 'd2')).toThrow(DecodeError);
    expect(() => csvEntriesOfRun(CHUNK, null, 'd1')).toThrow(DecodeError);
    expect(() => csvEntriesOfRun(CHUNK, wireFormat({ drawId: 'd1' }), 'd1')).toThrow(DecodeError);
  });
});
