import { DateTime } from 'luxon';
import type { Contest } from './contest';
import { periodsEndedBetween } from './periods-ended-between';
import { scaDrawId, scaFileNames } from './sca-draw-id';

function buildContest(overrides: Partial<Contest> = {}): Contest {
  return {
    contestId: 1,
    utmContent: 'daily-promo',
    name: null,
    ruleset: 'daily-sweeps',
    frequency: 'daily',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    dedupeOnEmail: false,
    active: true,
    timezone: 'America/New_York',
    site: '2017',
    createdAt: null,
    ...overrides,
  };
}

/** A weekly scheduler run: Monday 00:05 in `zone`, and the same wall time 7 calendar days before. */
function lastSevenDays(monday: string, zone = 'America/New_York'): [string, string] {
  const to = DateTime.fromISO(`${monday}T00:05:00`, { zone });
  return [to.minus({ days: 7 }).toISO()!, to.toISO()!];
}

const ranges = (contest: Contest, from: string, to: string) =>
  periodsEndedBetween(contest, from, to).map((period) => `${period.start}..${period.end}`);

describe('periodsEndedBetween', () => {
  it('when a daily contest ran all of the last 7 days, then it yields 7 periods, oldest first, with their file names', () => {
    const contest = buildContest();
    const periods = periodsEndedBetween(contest, ...lastSevenDays('2026-02-16'));
    expect(periods.map((period) => scaFileNames(scaDrawId(contest, period)).txt)).toEqual([
      'daily-promo-2026-02-09-to-2026-02-09.txt',
      'daily-promo-2026-02-10-to-2026-02-10.txt',
      'daily-promo-2026-02-11-to-2026-02-11.txt',
      'daily-promo-2026-02-12-to-2026-02-12.txt',
      'daily-promo-2026-02-13-to-2026-02-13.txt',
      'daily-promo-2026-02-14-to-2026-02-14.txt',
      'daily-promo-2026-02-15-to-2026-02-15.txt',
    ]);
  });

  it('when the 7 days hold the spring-forward change, then they still yield 7 daily periods', () => {
    expect(ranges(buildContest(), ...lastSevenDays('2026-03-09'))).toHaveLength(7);
    expect(ranges(buildContest(), ...lastSevenDays('2026-11-02'))).toHaveLength(7);
  });

  it('when the window is 168 hours across the change, then it reaches into an eighth local day (use calendar days)', () => {
    // 2026-03-09T00:05-04:00 minus 168 h is 2026-03-01T23:05-05:00: the period of March 1 ends inside it.
    const to = '2026-03-09T04:05:00.000Z';
    const from = new Date(Date.parse(to) - 168 * 3600_000);
    expect(periodsEndedBetween(buildContest(), from, to)[0]?.start).toBe('2026-03-01');
    expect(periodsEndedBetween(buildContest(), from, to)).toHaveLength(8);
  });

  it('when the window ends exactly at a period end, then that period is in it and not in the next window', () => {
    const contest = buildContest();
    const midnight = '2026-02-16T05:00:00.000Z'; // 00:00 EST on Monday
    expect(ranges(contest, '2026-02-15T05:00:00Z', midnight)).toEqual(['2026-02-15..2026-02-15']);
    expect(ranges(contest, midnight, '2026-02-17T05:00:00Z')).toEqual(['2026-02-16..2026-02-16']);
  });

  it('weekly, monthly, quarterly and annual contests yield the periods that ended in the window', () => {
    const [from, to] = lastSevenDays('2026-10-05');
    expect(ranges(buildContest({ frequency: 'weekly' }), from, to)).toEqual(['2026-09-28..2026-10-04']);
    expect(ranges(buildContest({ frequency: 'monthly' }), from, to)).toEqual(['2026-09-01..2026-09-30']);
    expect(ranges(buildContest({ frequency: 'quarterly' }), from, to)).toEqual(['2026-07-01..2026-09-30']);
    expect(
      ranges(
        buildContest({ frequency: 'annually', startDate: '2025-06-01', endDate: '2027-12-31' }),
        from,
        to,
      ),
    ).toEqual(['2025-10-01..2026-09-30']);
  });

  it('when the contest ended in the middle of the window, then only its days up to the end date are yielded', () => {
    const contest = buildContest({ endDate: '2026-02-11' });
    expect(ranges(contest, ...lastSevenDays('2026-02-16'))).toEqual([
      '2026-02-09..2026-02-09',
      '2026-02-10..2026-02-10',
      '2026-02-11..2026-02-11',
    ]);
  });

  it('when a weekly contest ends mid-week, then its clipped last period ends, and is yielded, at the end date', () => {
    const contest = buildContest({ frequency: 'weekly', startDate: '2026-02-01', endDate: '2026-02-11' });
    expect(periodsEndedBetween(contest, ...lastSevenDays('2026-02-16'))).toEqual([
      {
        start: '2026-02-09',
        end: '2026-02-11',
        startsAt: '2026-02-09T00:00:00.000-05:00',
        endsAt: '2026-02-12T00:00:00.000-05:00',
      },
    ]);
  });

  it('when the contest started in the middle of the window, then the days before it are not yielded', () => {
    expect(ranges(buildContest({ startDate: '2026-02-14' }), ...lastSevenDays('2026-02-16'))).toEqual([
      '2026-02-14..2026-02-14',
      '2026-02-15..2026-02-15',
    ]);
  });

  it('when the contest is entirely before or after the window, or the window is empty, then nothing is yielded', () => {
    const window = lastSevenDays('2026-02-16');
    expect(ranges(buildContest({ endDate: '2026-02-08' }), ...window)).toEqual([]);
    expect(ranges(buildContest({ startDate: '2026-02-16' }), ...window)).toEqual([]);
    expect(ranges(buildContest(), window[1], window[0])).toEqual([]);
  });

  it('when the contest is in Sydney, then its days end at Sydney midnights', () => {
    const contest = buildContest({ timezone: 'Australia/Sydney' });
    // 2026-04-06T00:05 AEST: the 7 Sydney days before, including the 25-hour April 5.
    const periods = periodsEndedBetween(contest, ...lastSevenDays('2026-04-06', 'Australia/Sydney'));
    expect(periods.map((period) => period.start)).toEqual([
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-04',
      '2026-04-05',
    ]);
    expect(periods.at(-1)?.endsAt).toBe('2026-04-06T00:00:00.000+10:00');
  });
});
