import type { RowDataPacket } from 'mysql2/promise';
import { buildUserDetails, type TestDatabase } from '../src/fixtures';
import type { UserDetails } from '../src/user-details';
import { UserDetailsRepository } from '../src/user-details-repository';
import { freshDatabase } from './support/test-database';

async function collect(entries: AsyncIterable<UserDetails>): Promise<UserDetails[]> {
  const all: UserDetails[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

describe('UserDetailsRepository (real MariaDB)', () => {
  let db: TestDatabase;
  let repository: UserDetailsRepository;
  beforeAll(async () => {
    db = await freshDatabase();
    repository = new UserDetailsRepository(db.pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('when the same entry is inserted twice, then it is one row and the second insert reports the existing id', async () => {
    const entry = buildUserDetails({ utmContent: 'dup-test', createdAt: '2026-03-08T12:34:56.789Z' });
    const first = await repository.insertEntry(entry);
    const second = await repository.insertEntry({ ...entry, email: 'changed@example.com' });
    expect(first.inserted).toBe(true);
    expect(second).toEqual({ inserted: false, userDetailsId: first.userDetailsId });
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT email, created_at FROM user_details WHERE entry_id = ?',
      [entry.entryId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.email).toBe(entry.email);
  });

  it('when entries are polled after a watermark, then they come by id, a page at a time, with every column', async () => {
    const utmContent = 'poll-test';
    const [[max]] = await db.pool.query<RowDataPacket[]>(
      'SELECT COALESCE(MAX(user_details_id), 0) AS id FROM user_details',
    );
    const watermark = Number(max?.id);
    const inserted = [];
    for (let n = 0; n < 5; n += 1) {
      inserted.push(
        await repository.insertEntry(
          buildUserDetails({
            utmContent,
            accountId: n === 0 ? 'acc-1' : null,
            createdAt: new Date(Date.UTC(2026, 2, 8, 5, 0, n, 7)),
          }),
        ),
      );
    }
    const firstPage = await repository.readAfter(watermark, 2);
    const secondPage = await repository.readAfter(firstPage.at(-1)!.userDetailsId, 2);
    const thirdPage = await repository.readAfter(secondPage.at(-1)!.userDetailsId, 2);
    const ids = [...firstPage, ...secondPage, ...thirdPage].map((entry) => entry.userDetailsId);
    expect(ids).toEqual(inserted.map((result) => result.userDetailsId));
    expect(await repository.readAfter(ids.at(-1)!, 2)).toEqual([]);
    expect(firstPage[0]).toEqual({
      userDetailsId: inserted[0]!.userDetailsId,
      utmContent,
      email: expect.stringMatching(/^entrant-\d+@example\.com$/),
      firstName: 'Ada',
      lastName: expect.stringMatching(/^Entrant \d+$/),
      phone: '555-0100',
      site: '2017',
      accountId: 'acc-1',
      entryId: expect.any(String),
      createdAt: '2026-03-08T05:00:00.007Z',
    });
  });

  it('when optional columns are left out, then the table defaults apply (site 2017, created_at now)', async () => {
    const before = Date.now();
    const { userDetailsId } = await repository.insertEntry({
      entryId: 'minimal-1',
      utmContent: 'minimal',
      email: 'm@example.com',
    });
    const [entry] = await repository.readAfter(userDetailsId - 1, 1);
    expect(entry).toMatchObject({
      site: '2017',
      firstName: null,
      lastName: null,
      phone: null,
      accountId: null,
    });
    expect(Math.abs(Date.parse(entry!.createdAt) - before)).toBeLessThan(60_000);
  });

  it('when streaming a period, then only that contest and [from, to) come, by time then id', async () => {
    const utmContent = 'stream-test';
    const at = (iso: string, overrides = {}) =>
      repository.insertEntry(buildUserDetails({ utmContent, createdAt: iso, ...overrides }));
    await at('2026-03-08T04:59:59.999Z'); // before the period (23:59:59.999 EST on March 7)
    const a = await at('2026-03-08T05:00:00.000Z'); // first instant of March 8 in New York: included
    const c = await at('2026-03-09T03:00:00.000Z');
    const b = await at('2026-03-08T12:00:00.000Z');
    await at('2026-03-09T04:00:00.000Z'); // endsAt (00:00 EDT March 9): excluded
    await repository.insertEntry(
      buildUserDetails({ utmContent: 'other-contest', createdAt: '2026-03-08T12:00:00.000Z' }),
    );

    const entries = await collect(
      repository.streamEntries(utmContent, '2026-03-08T00:00:00.000-05:00', '2026-03-09T00:00:00.000-04:00'),
    );
    expect(entries.map((entry) => entry.userDetailsId)).toEqual(
      [a, b, c].map((result) => result.userDetailsId),
    );
  });

  it('when the contest dedupes on email, then only the first entry of each address comes, whatever its case or blanks', async () => {
    const utmContent = 'dedupe-test';
    const insert = (email: string, second: number) =>
      repository.insertEntry(
        buildUserDetails({ utmContent, email, createdAt: new Date(Date.UTC(2026, 2, 8, 12, 0, second)) }),
      );
    const first = await insert('Ada@Example.com', 1);
    await insert(' ada@example.com ', 2);
    const other = await insert('bob@example.com', 3);
    await insert('ADA@EXAMPLE.COM', 4);
    const range = ['2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z'] as const;

    const deduped = await collect(repository.streamEntries(utmContent, ...range, { dedupeOnEmail: true }));
    expect(deduped.map((entry) => entry.userDetailsId)).toEqual([first.userDetailsId, other.userDetailsId]);
    expect(await collect(repository.streamEntries(utmContent, ...range))).toHaveLength(4);
  });

  it('when many rows stream, then all arrive; when the caller stops early, then the pool stays usable', async () => {
    const utmContent = 'bulk-test';
    const rows = Array.from({ length: 20_000 }, (_, n) => [
      utmContent,
      `bulk-${n}@example.com`,
      `bulk-${n}`,
      new Date(Date.UTC(2026, 2, 8, 12, 0, 0, n % 1000)),
    ]);
    for (let offset = 0; offset < rows.length; offset += 5000) {
      await db.pool.query('INSERT INTO user_details (utm_content, email, entry_id, created_at) VALUES ?', [
        rows.slice(offset, offset + 5000),
      ]);
    }
    let count = 0;
    for await (const _entry of repository.streamEntries(
      utmContent,
      '2026-03-08T00:00:00Z',
      '2026-03-09T00:00:00Z',
      { highWaterMark: 100 },
    )) {
      count += 1;
    }
    expect(count).toBe(20_000);

    let seen = 0;
    for await (const _entry of repository.streamEntries(
      utmContent,
      '2026-03-08T00:00:00Z',
      '2026-03-09T00:00:00Z',
    )) {
      seen += 1;
      if (seen === 10) break;
    }
    expect(seen).toBe(10);
    const [[check]] = await db.pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM user_details WHERE utm_content = ?',
      [utmContent],
    );
    expect(Number(check?.n)).toBe(20_000);
  });
});
