import type { ContestRow } from './contest';
import { parseContestRow } from './parse-contest-row';

function buildRow(overrides: Partial<ContestRow> = {}): ContestRow {
  return {
    consumer_pathways_contest_id: 7,
    utm_content: 'spring-sweeps',
    human_readable_name: 'Spring Sweeps',
    ruleset: 'gift-card',
    frequency: 'weekly',
    start_date: '2026-03-01',
    dedupe_on_email: 0,
    creation_date: new Date('2026-02-20T10:00:00Z'),
    end_date: '2026-05-31',
    status: 1,
    timezone: 'America/New_York',
    site: '2017',
    ...overrides,
  };
}

function rejection(overrides: Partial<ContestRow>): string {
  const parsed = parseContestRow(buildRow(overrides));
  if (parsed.ok) throw new Error('expected the row to be rejected');
  expect(parsed.contestId).toBe(7);
  return parsed.reason;
}

describe('parseContestRow', () => {
  it('when the row is complete, then every column is carried over', () => {
    expect(parseContestRow(buildRow({ dedupe_on_email: 1 }))).toEqual({
      ok: true,
      contest: {
        contestId: 7,
        utmContent: 'spring-sweeps',
        name: 'Spring Sweeps',
        ruleset: 'gift-card',
        frequency: 'weekly',
        startDate: '2026-03-01',
        endDate: '2026-05-31',
        dedupeOnEmail: true,
        active: true,
        timezone: 'America/New_York',
        site: '2017',
        createdAt: '2026-02-20T10:00:00.000Z',
      },
    });
  });

  it.each([
    ['giftcard', 'gift-card'],
    ['gift-card', 'gift-card'],
    ['brandvsbrand', 'brand-v-brand'],
    ['brand-v-brand', 'brand-v-brand'],
    ['bigcash', 'big-cash'],
    ['big-cash', 'big-cash'],
    ['dailysweeps', 'daily-sweeps'],
    ['daily-sweeps', 'daily-sweeps'],
  ])('when ruleset is %s, then it is normalized to %s', (ruleset, expected) => {
    const parsed = parseContestRow(buildRow({ ruleset }));
    expect(parsed.ok && parsed.contest.ruleset).toBe(expected);
  });

  it('when ruleset is NULL, then the contest has none', () => {
    const parsed = parseContestRow(buildRow({ ruleset: null }));
    expect(parsed.ok && parsed.contest.ruleset).toBeNull();
  });

  it.each([
    [1, true],
    [0, false],
    [null, false],
    [true, true],
  ])('when status is %s, then active is %s', (status, active) => {
    const parsed = parseContestRow(buildRow({ status }));
    expect(parsed.ok && parsed.contest.active).toBe(active);
  });

  it('when timezone and site are NULL or blank, then the table defaults apply', () => {
    for (const blank of [null, '', '  ']) {
      const parsed = parseContestRow(buildRow({ timezone: blank, site: blank }));
      expect(parsed.ok && [parsed.contest.timezone, parsed.contest.site]).toEqual([
        'America/New_York',
        '2017',
      ]);
    }
  });

  it('when the dates are Date objects (mysql2 without dateStrings), then their UTC calendar date is used', () => {
    const parsed = parseContestRow(
      buildRow({ start_date: new Date('2026-03-01T00:00:00Z'), end_date: new Date('2026-03-31T00:00:00Z') }),
    );
    expect(parsed.ok && [parsed.contest.startDate, parsed.contest.endDate]).toEqual([
      '2026-03-01',
      '2026-03-31',
    ]);
  });

  it('when creation_date is a server string, then it is read as UTC', () => {
    const parsed = parseContestRow(buildRow({ creation_date: '2026-02-20 10:00:00' }));
    expect(parsed.ok && parsed.contest.createdAt).toBe('2026-02-20T10:00:00.000Z');
  });

  it('when start and end are the same day, then the row is usable', () => {
    expect(parseContestRow(buildRow({ start_date: '2026-03-01', end_date: '2026-03-01' })).ok).toBe(true);
  });

  it.each<[string, Partial<ContestRow>, RegExp]>([
    ['utm_content is NULL', { utm_content: null }, /^utm_content is empty$/],
    ['utm_content is blank', { utm_content: ' ' }, /^utm_content is empty$/],
    ['utm_content holds a slash', { utm_content: 'a/b' }, /^utm_content "a\/b" contains a character/],
    ['frequency is NULL', { frequency: null }, /^frequency is empty$/],
    ['frequency is unknown', { frequency: '' }, /^frequency "" is not one of daily, weekly/],
    ['start_date is NULL', { start_date: null }, /^start_date is empty$/],
    ['end_date is NULL', { end_date: null }, /^end_date is empty$/],
    ['start_date is the zero date', { start_date: '0000-00-00' }, /^start_date "0000-00-00" is not a valid/],
    ['end_date does not exist', { end_date: '2026-02-30' }, /^end_date "2026-02-30" is not a valid/],
    [
      'end_date is before start_date',
      { end_date: '2026-02-28' },
      /^end_date 2026-02-28 is before start_date 2026-03-01$/,
    ],
    [
      'timezone is not an IANA zone',
      { timezone: 'Mars/Olympus_Mons' },
      /^timezone "Mars\/Olympus_Mons" is not a known/,
    ],
    ['ruleset is unknown', { ruleset: 'lottery' }, /^ruleset "lottery" is not a known ruleset$/],
  ])('when %s, then the row is rejected with a reason naming the column', (_case, overrides, reason) => {
    expect(rejection(overrides)).toMatch(reason);
  });
});
