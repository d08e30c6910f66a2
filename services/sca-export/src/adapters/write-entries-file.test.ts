import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CsvEntry } from '../processors/entries-csv';
import { writeEntriesFile } from './write-entries-file';

function entry(n: number): CsvEntry {
  return {
    entryId: `e-${n}`,
    utmContent: 'spring',
    email: `entrant-${n}@example.com`,
    firstName: n % 2 === 0 ? 'Zoë' : 'Ann, "Annie"',
    lastName: 'Entrant',
    phone: '+1 555 0100',
    site: '2017',
    accountId: null,
    createdAt: new Date(Date.UTC(2026, 2, 8, 12, 0, n)),
  };
}

async function* entries(count: number): AsyncGenerator<CsvEntry> {
  for (let n = 1; n <= count; n += 1) yield entry(n);
}

describe('writeEntriesFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sca-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when entries stream in, then the file holds the header and one row each, and the summary matches the bytes', async () => {
    const path = join(dir, 'spring-2026-03-08-to-2026-03-08.txt');
    // Small chunks, so the rows cross many chunk boundaries.
    const summary = await writeEntriesFile(entries(1000), path, { chunkChars: 256 });
    const content = await readFile(path);
    expect(summary).toEqual({
      rows: 1000,
      bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    const lines = content.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('entry_id,utm_content,email,first_name,last_name,phone,site,account_id,entered_at');
    expect(lines[1]).toBe(
      'e-1,spring,entrant-1@example.com,"Ann, ""Annie""",Entrant,+1 555 0100,2017,,2026-03-08T12:00:01.000Z',
    );
    expect(lines[2]).toBe(
      'e-2,spring,entrant-2@example.com,Zoë,Entrant,+1 555 0100,2017,,2026-03-08T12:00:02.000Z',
    );
    expect(lines).toHaveLength(1002); // header, 1000 rows, and the empty string after the last CRLF
  });

  it('when there are no entries, then the file is the header alone', async () => {
    const path = join(dir, 'empty.txt');
    const summary = await writeEntriesFile([], path);
    expect(summary.rows).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(
      'entry_id,utm_content,email,first_name,last_name,phone,site,account_id,entered_at\r\n',
    );
  });

  it('when the source fails midway, then the partial file is removed and the error comes through', async () => {
    const path = join(dir, 'broken.txt');
    async function* failing(): AsyncGenerator<CsvEntry> {
      yield entry(1);
      throw new Error('connection lost');
    }
    await expect(writeEntriesFile(failing(), path, { chunkChars: 1 })).rejects.toThrow('connection lost');
    expect(existsSync(path)).toBe(false);
  });
});
