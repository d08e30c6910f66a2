import { DecodeError, type RunEntry } from '@prizedraw/events';
import { csvEntriesOfRunEntry } from './csv-entries-of-run-entry';

const entry = {
  entryId: 'e-1',
  utmContent: 'spring',
  email: 'ann@example.com',
  enteredAt: '2026-03-02T10:00:00.000Z',
};
const runEntry: RunEntry = {
  drawId: 'd1',
  partition: 0,
  seq: 0,
  ticket: 'ffffffff-ffff-4fff-8fff-000000000000',
  customerId: 'c-1',
  tickets: 1,
  entries: [entry],
};
const rows = [{ ...entry, createdAt: entry.enteredAt }];

/** The data as a schema registry producer writes it: byte 0, a 4-byte schema id, then the JSON. */
const wireFormat = (data: unknown, schemaId = 42) => {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, Buffer.from(JSON.stringify(data))]);
};

describe('csvEntriesOfRunEntry', () => {
  it('when the run entry data is plain JSON, then one row per contest entry', () => {
    expect(csvEntriesOfRunEntry(Buffer.from(JSON.stringify(runEntry)), 'd1')).toEqual(rows);
  });

  it('when the run entry data is registry-framed (SCHEMA_REGISTRY_URL set), then the same rows', () => {
    expect(csvEntriesOfRunEntry(wireFormat(runEntry), 'd1')).toEqual(rows);
  });

  it('when the value is not JSON or is a run entry of another draw, then DecodeError', () => {
    expect(() => csvEntriesOfRunEntry(Buffer.from('{"drawId":'), 'd1')).toThrow(DecodeError);
    expect(() => csvEntriesOfRunEntry(wireFormat(runEntry), 'd2')).toThrow(DecodeError);
    expect(() => csvEntriesOfRunEntry(null, 'd1')).toThrow(DecodeError);
  });
});
