import { ContestRepository } from '../src/contest-repository';
import { insertContestRow, type TestDatabase } from '../src/fixtures';
import { freshDatabase } from './support/test-database';

describe('ContestRepository (real MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('when the table holds good, legacy and unusable rows, then the good ones are parsed and the others reported with reasons', async () => {
    const daily = await insertContestRow(db.pool, {
      utm_content: 'daily-promo',
      ruleset: 'dailysweeps',
      frequency: 'daily',
      start_date: '2026-03-01',
      end_date: '2026-03-31',
      dedupe_on_email: 1,
      timezone: 'Europe/London',
      site: '3001',
    });
    const noStart = await insertContestRow(db.pool, { utm_content: 'no-start', start_date: null });
    const badZone = await insertContestRow(db.pool, { utm_content: 'bad-zone', timezone: 'Mars/Base' });
    const backwards = await insertContestRow(db.pool, {
      utm_content: 'backwards',
      start_date: '2026-05-01',
      end_date: '2026-04-01',
    });
    const inactive = await insertContestRow(db.pool, {
      utm_content: 'paused',
      ruleset: 'brand-v-brand',
      status: 0,
    });
    // Column defaults of the production table: timezone America/New_York, site 2017, status 1, dedupe 0.
    await db.pool.query(
      "INSERT INTO consumer_pathways_contests (utm_content, ruleset, frequency, start_date, end_date) VALUES ('defaults', 'bigcash', 'annually', '2025-10-01', '2027-09-30')",
    );

    const { contests, rejected } = await new ContestRepository(db.pool).listContests();

    expect(contests.map((contest) => contest.utmContent)).toEqual(['daily-promo', 'paused', 'defaults']);
    expect(contests[0]).toEqual({
      contestId: daily.consumer_pathways_contest_id,
      utmContent: 'daily-promo',
      name: 'Spring Sweeps',
      ruleset: 'daily-sweeps',
      frequency: 'daily',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
      dedupeOnEmail: true,
      active: true,
      timezone: 'Europe/London',
      site: '3001',
      createdAt: '2025-12-15T12:00:00.000Z',
    });
    expect(contests[1]).toMatchObject({
      contestId: inactive.consumer_pathways_contest_id,
      ruleset: 'brand-v-brand',
      active: false,
    });
    expect(contests[2]).toMatchObject({
      ruleset: 'big-cash',
      frequency: 'annually',
      timezone: 'America/New_York',
      site: '2017',
      active: true,
      dedupeOnEmail: false,
    });
    expect(rejected).toEqual([
      { contestId: noStart.consumer_pathways_contest_id, reason: 'start_date is empty' },
      {
        contestId: badZone.consumer_pathways_contest_id,
        reason: 'timezone "Mars/Base" is not a known IANA zone',
      },
      {
        contestId: backwards.consumer_pathways_contest_id,
        reason: 'end_date 2026-04-01 is before start_date 2026-05-01',
      },
    ]);
  });
});
