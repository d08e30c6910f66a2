import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScaExportReady } from '@prizedraw/events';
import type { CsvEntry } from '../processors/entries-csv';
import { EntriesSpool } from './entries-spool';
import { writeEntriesFile } from './write-entries-file';

const entry = (n: number): CsvEntry => ({
  entryId: `e-${n}`,
  utmContent: 'spring',
  email: `entrant-${n}@example.com`,
  firstName: n % 2 === 0 ? '=cmd()' : 'Ann, "Annie"',
  createdAt: `2026-03-08T12:00:0${n}.000Z`,
});

const ready = (overrides: Partial<ScaExportReady> = {}): ScaExportReady => ({
  drawId: 'spring-2026-03-08-to-2026-03-08',
  runsPartition: 0,
  fromOffset: '10',
  toOffset: '20',
  partitions: 2,
  entries: 4,
  ...overrides,
});

describe('EntriesSpool', () => {
  let dir: string;
  let spool: EntriesSpool;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sca-spool-'));
    spool = new EntriesSpool(join(dir, 'spool'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // A run record carrying a customer per row, or (with no rows) one excluded customer.
  const append = (offset: number, ...rows: CsvEntry[]) =>
    spool.append(ready().drawId, String(offset), { entries: Math.max(rows.length, 1), rows });

  it('when every run entry of the range was spooled, even with a replay, then the file is the one the read-back writes', async () => {
    append(11, entry(1), entry(2));
    append(12);
    append(11, entry(1), entry(2)); // replayed after an aborted transaction
    append(15, entry(3));
    const summary = await spool.take(ready(), join(dir, 'spooled.txt'));
    const expected = await writeEntriesFile([entry(1), entry(2), entry(3)], join(dir, 'read-back.txt'));
    expect(summary).toEqual(expected);
    expect(await readFile(join(dir, 'spooled.txt'))).toEqual(await readFile(join(dir, 'read-back.txt')));
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
  });

  it('when a run entry is missing (the spool started late), then nothing is taken and the spooled file is gone', async () => {
    append(12);
    append(15, entry(3));
    await expect(spool.take(ready(), join(dir, 'spooled.txt'))).resolves.toBeUndefined();
    expect(existsSync(join(dir, 'spooled.txt'))).toBe(false);
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
  });

  it('when the draw was never spooled or is discarded, then there is nothing to take', async () => {
    await expect(spool.take(ready(), join(dir, 'x.txt'))).resolves.toBeUndefined();
    append(11, entry(1));
    await spool.discard(ready().drawId);
    await expect(spool.take(ready({ entries: 1 }), join(dir, 'x.txt'))).resolves.toBeUndefined();
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
  });

  it('when the records hold fewer run entries than the run-ends announce, then nothing is taken', async () => {
    // Run chunks: two records, four customers; the count is of customers, not of records.
    spool.append(ready().drawId, '11', { entries: 2, rows: [entry(1), entry(2)] });
    spool.append(ready().drawId, '12', { entries: 1, rows: [entry(3)] });
    await expect(spool.take(ready(), join(dir, 'x.txt'))).resolves.toBeUndefined();
    expect(await readdir(join(dir, 'spool'))).toEqual([]);
  });
});
