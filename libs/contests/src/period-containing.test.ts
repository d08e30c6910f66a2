import { DateTime } from 'luxon';
import { type Contest, FREQUENCIES, type Frequency } from './contest';
import { periodContaining } from './period-containing';
import { scaDrawId, scaFileNames } from './sca-draw-id';

function buildContest(overrides: Partial<Contest> = {}): Contest {
  return {
    contestId: 1,
    utmContent: 'spring-sweeps',
    name: null,
    ruleset: 'daily-sweeps',
    frequency: 'daily',
    startDate: '2020-01-01',
    endDate: '2030-12-31',
    dedupeOnEmail: false,
    active: true,
    timezone: 'America/New_York',
    site: '2017',
    createdAt: null,
    ...overrides,
  };
}

/** Noon local time on a calendar day of `zone`, as a UTC ISO instant. */
function localNoon(date: string, zone: string): string {
  return DateTime.fromISO(`${date}T12:00:00`, { zone }).toUTC().toISO()!;
}

describe('periodContaining, America/New_York across the DST changes of 2026', () => {
  const ny = (frequency: Frequency, overrides: Partial<Contest> = {}) =>
    buildContest({ frequency, timezone: 'America/New_York', ...overrides });

  it('when the day springs forward (March 8), then the daily period is 23 hours long', () => {
    const period = periodContaining(ny('daily'), localNoon('2026-03-08', 'America/New_York'));
    expect(period).toEqual({
      start: '2026-03-08',
      end: '2026-03-08',
      startsAt: '2026-03-08T00:00:00.000-05:00',
      endsAt: '2026-03-09T00:00:00.000-04:00',
    });
    expect(Date.parse(period!.endsAt) - Date.parse(period!.startsAt)).toBe(23 * 3600_000);
  });

  it('when the day falls back (November 1), then the daily period is 25 hours long', () => {
    const period = periodContaining(ny('daily'), localNoon('2026-11-01', 'America/New_York'));
    expect(period).toEqual({
      start: '2026-11-01',
      end: '2026-11-01',
      startsAt: '2026-11-01T00:00:00.000-04:00',
      endsAt: '2026-11-02T00:00:00.000-05:00',
    });
    expect(Date.parse(period!.endsAt) - Date.parse(period!.startsAt)).toBe(25 * 3600_000);
  });

  it('when an instant is late evening local but already the next day in UTC, then it counts for the local day', () => {
    // 23:59:59 EDT on March 8 is 03:59:59Z on March 9; one second later is March 9 local.
    expect(periodContaining(ny('daily'), '2026-03-09T03:59:59.999Z')?.start).toBe('2026-03-08');
    expect(periodContaining(ny('daily'), '2026-03-09T04:00:00.000Z')?.start).toBe('2026-03-09');
    expect(periodContaining(ny('daily'), new Date('2026-03-09T04:00:00.000Z'))?.start).toBe('2026-03-09');
  });

  it('when the week holds the spring change, then it runs Monday to Sunday with the offsets of each end', () => {
    expect(periodContaining(ny('weekly'), localNoon('2026-03-08', 'America/New_York'))).toEqual({
      start: '2026-03-02',
      end: '2026-03-08',
      startsAt: '2026-03-02T00:00:00.000-05:00',
      endsAt: '2026-03-09T00:00:00.000-04:00',
    });
  });

  it('when the week holds the autumn change, then it runs Monday to Sunday with the offsets of each end', () => {
    expect(periodContaining(ny('weekly'), localNoon('2026-10-28', 'America/New_York'))).toEqual({
      start: '2026-10-26',
      end: '2026-11-01',
      startsAt: '2026-10-26T00:00:00.000-04:00',
      endsAt: '2026-11-02T00:00:00.000-05:00',
    });
  });

  it('when the instant is a Monday, then it starts a new week', () => {
    expect(periodContaining(ny('weekly'), localNoon('2026-03-09', 'America/New_York'))?.start).toBe(
      '2026-03-09',
    );
  });

  it('monthly: March 2026 and November 2026 start and end on local midnights across the change', () => {
    expect(periodContaining(ny('monthly'), localNoon('2026-03-20', 'America/New_York'))).toEqual({
      start: '2026-03-01',
      end: '2026-03-31',
      startsAt: '2026-03-01T00:00:00.000-05:00',
      endsAt: '2026-04-01T00:00:00.000-04:00',
    });
    expect(periodContaining(ny('monthly'), localNoon('2026-11-01', 'America/New_York'))).toEqual({
      start: '2026-11-01',
      end: '2026-11-30',
      startsAt: '2026-11-01T00:00:00.000-04:00',
      endsAt: '2026-12-01T00:00:00.000-05:00',
    });
  });

  it('quarterly: calendar quarters Q1 and Q4 of 2026', () => {
    expect(periodContaining(ny('quarterly'), localNoon('2026-03-08', 'America/New_York'))).toEqual({
      start: '2026-01-01',
      end: '2026-03-31',
      startsAt: '2026-01-01T00:00:00.000-05:00',
      endsAt: '2026-04-01T00:00:00.000-04:00',
    });
    expect(periodContaining(ny('quarterly'), localNoon('2026-11-01', 'America/New_York'))).toEqual({
      start: '2026-10-01',
      end: '2026-12-31',
      startsAt: '2026-10-01T00:00:00.000-04:00',
      endsAt: '2027-01-01T00:00:00.000-05:00',
    });
  });

  it('annually: the contest year runs October 1 to September 30', () => {
    expect(periodContaining(ny('annually'), localNoon('2026-03-08', 'America/New_York'))).toEqual({
      start: '2025-10-01',
      end: '2026-09-30',
      startsAt: '2025-10-01T00:00:00.000-04:00',
      endsAt: '2026-10-01T00:00:00.000-04:00',
    });
  });

  it('annually: the last second of September 30 local is the old year, although October 1 in UTC', () => {
    const contest = ny('annually');
    expect(periodContaining(contest, '2026-10-01T03:59:59Z')).toMatchObject({
      start: '2025-10-01',
      end: '2026-09-30',
    });
    expect(periodContaining(contest, '2026-10-01T04:00:00Z')).toEqual({
      start: '2026-10-01',
      end: '2027-09-30',
      startsAt: '2026-10-01T00:00:00.000-04:00',
      endsAt: '2027-10-01T00:00:00.000-04:00',
    });
  });
});

describe('periodContaining, Europe/London and Australia/Sydney across the DST changes of 2026', () => {
  it('London: March 29 is 23 hours, October 25 is 25 hours', () => {
    const contest = buildContest({ timezone: 'Europe/London' });
    expect(periodContaining(contest, localNoon('2026-03-29', 'Europe/London'))).toEqual({
      start: '2026-03-29',
      end: '2026-03-29',
      startsAt: '2026-03-29T00:00:00.000+00:00',
      endsAt: '2026-03-30T00:00:00.000+01:00',
    });
    expect(periodContaining(contest, localNoon('2026-10-25', 'Europe/London'))).toEqual({
      start: '2026-10-25',
      end: '2026-10-25',
      startsAt: '2026-10-25T00:00:00.000+01:00',
      endsAt: '2026-10-26T00:00:00.000+00:00',
    });
  });

  it('London: the week of the autumn change and the first quarter', () => {
    const weekly = buildContest({ timezone: 'Europe/London', frequency: 'weekly' });
    expect(periodContaining(weekly, localNoon('2026-10-25', 'Europe/London'))).toEqual({
      start: '2026-10-19',
      end: '2026-10-25',
      startsAt: '2026-10-19T00:00:00.000+01:00',
      endsAt: '2026-10-26T00:00:00.000+00:00',
    });
    const quarterly = buildContest({ timezone: 'Europe/London', frequency: 'quarterly' });
    expect(periodContaining(quarterly, localNoon('2026-02-01', 'Europe/London'))).toEqual({
      start: '2026-01-01',
      end: '2026-03-31',
      startsAt: '2026-01-01T00:00:00.000+00:00',
      endsAt: '2026-04-01T00:00:00.000+01:00',
    });
  });

  it('Sydney (southern hemisphere): April 5 falls back, October 4 springs forward', () => {
    const daily = buildContest({ timezone: 'Australia/Sydney' });
    expect(periodContaining(daily, localNoon('2026-04-05', 'Australia/Sydney'))).toEqual({
      start: '2026-04-05',
      end: '2026-04-05',
      startsAt: '2026-04-05T00:00:00.000+11:00',
      endsAt: '2026-04-06T00:00:00.000+10:00',
    });
    const monthly = buildContest({ timezone: 'Australia/Sydney', frequency: 'monthly' });
    expect(periodContaining(monthly, localNoon('2026-10-04', 'Australia/Sydney'))).toEqual({
      start: '2026-10-01',
      end: '2026-10-31',
      startsAt: '2026-10-01T00:00:00.000+10:00',
      endsAt: '2026-11-01T00:00:00.000+11:00',
    });
  });

  it('Sydney: an instant on September 30 in UTC is already October 1 there, so the new contest year', () => {
    const contest = buildContest({ timezone: 'Australia/Sydney', frequency: 'annually' });
    expect(periodContaining(contest, '2026-09-30T14:00:00Z')).toEqual({
      start: '2026-10-01',
      end: '2027-09-30',
      startsAt: '2026-10-01T00:00:00.000+10:00',
      endsAt: '2027-10-01T00:00:00.000+10:00',
    });
    expect(periodContaining(contest, '2026-09-30T13:59:59Z')?.start).toBe('2025-10-01');
  });

  it('Santiago: where midnight does not exist (September 6, 2026), the day starts at 01:00', () => {
    const contest = buildContest({ timezone: 'America/Santiago' });
    expect(periodContaining(contest, localNoon('2026-09-06', 'America/Santiago'))).toEqual({
      start: '2026-09-06',
      end: '2026-09-06',
      startsAt: '2026-09-06T01:00:00.000-03:00',
      endsAt: '2026-09-07T00:00:00.000-03:00',
    });
  });
});

describe('periodContaining, every frequency on every DST change of 2026', () => {
  const changes: Array<[string, string]> = [
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-03-29'],
    ['Europe/London', '2026-10-25'],
    ['Australia/Sydney', '2026-04-05'],
    ['Australia/Sydney', '2026-10-04'],
  ];
  const cases = changes.flatMap(([zone, day]) =>
    FREQUENCIES.map((frequency) => [zone, day, frequency] as const),
  );

  it.each(cases)(
    '%s %s %s: the period holds the day and spans local midnight to local midnight',
    (zone, day, frequency) => {
      const period = periodContaining(buildContest({ timezone: zone, frequency }), localNoon(day, zone))!;
      expect(period.start <= day && day <= period.end).toBe(true);
      const startsAt = DateTime.fromISO(period.startsAt, { zone });
      const endsAt = DateTime.fromISO(period.endsAt, { zone });
      expect(startsAt.toFormat('yyyy-MM-dd HH:mm:ss')).toBe(`${period.start} 00:00:00`);
      const dayAfterEnd = DateTime.fromISO(period.end, { zone: 'utc' })
        .plus({ days: 1 })
        .toFormat('yyyy-MM-dd');
      expect(endsAt.toFormat('yyyy-MM-dd HH:mm:ss')).toBe(`${dayAfterEnd} 00:00:00`);
      // The DST change inside the period makes it one hour shorter or longer than its days × 24 hours; a
      // contest year holds both changes of the zone, which cancel out.
      const days = DateTime.fromISO(dayAfterEnd).diff(DateTime.fromISO(period.start), 'days').days;
      const hours = endsAt.diff(startsAt, 'hours').hours;
      expect(Math.abs(hours - days * 24)).toBe(frequency === 'annually' ? 0 : 1);
    },
  );
});

describe('periodContaining, clipped to the contest dates', () => {
  const contest = buildContest({ frequency: 'weekly', startDate: '2026-03-04', endDate: '2026-03-18' });

  it('when the contest starts mid-week, then its first period starts with the contest', () => {
    expect(periodContaining(contest, localNoon('2026-03-06', 'America/New_York'))).toEqual({
      start: '2026-03-04',
      end: '2026-03-08',
      startsAt: '2026-03-04T00:00:00.000-05:00',
      endsAt: '2026-03-09T00:00:00.000-04:00',
    });
  });

  it('when the contest ends mid-week, then its last period ends with the contest (end date included)', () => {
    expect(periodContaining(contest, localNoon('2026-03-18', 'America/New_York'))).toEqual({
      start: '2026-03-16',
      end: '2026-03-18',
      startsAt: '2026-03-16T00:00:00.000-04:00',
      endsAt: '2026-03-19T00:00:00.000-04:00',
    });
  });

  it('when the instant is before the start day or after the end day, then there is no period', () => {
    expect(periodContaining(contest, localNoon('2026-03-03', 'America/New_York'))).toBeUndefined();
    expect(periodContaining(contest, '2026-03-19T04:00:00Z')).toBeUndefined();
    expect(periodContaining(contest, '2026-03-19T03:59:59Z')?.end).toBe('2026-03-18');
  });

  it('annual contest over two contest years is clipped at both ends', () => {
    const annual = buildContest({ frequency: 'annually', startDate: '2026-01-15', endDate: '2027-12-31' });
    const at = (day: string) => periodContaining(annual, localNoon(day, 'America/New_York'));
    expect(
      [at('2026-02-01'), at('2027-01-01'), at('2027-12-31')].map((p) => `${p?.start}..${p?.end}`),
    ).toEqual(['2026-01-15..2026-09-30', '2026-10-01..2027-09-30', '2027-10-01..2027-12-31']);
  });
});

describe('scaDrawId and the entries file names', () => {
  it('names the draw and both files after utm_content and the period dates', () => {
    const contest = buildContest({ utmContent: 'mra-giftcard', frequency: 'monthly' });
    const period = periodContaining(contest, localNoon('2026-03-08', 'America/New_York'))!;
    const drawId = scaDrawId(contest, period);
    expect(drawId).toBe('mra-giftcard-2026-03-01-to-2026-03-31');
    expect(scaFileNames(drawId)).toEqual({
      txt: 'mra-giftcard-2026-03-01-to-2026-03-31.txt',
      hsh: 'mra-giftcard-2026-03-01-to-2026-03-31.hsh',
    });
  });

  it('uses the clipped dates of a contest that ends mid-period', () => {
    const contest = buildContest({
      utmContent: 'bvb',
      frequency: 'weekly',
      startDate: '2026-03-04',
      endDate: '2026-03-18',
    });
    const period = periodContaining(contest, localNoon('2026-03-17', 'America/New_York'))!;
    expect(scaFileNames(scaDrawId(contest, period)).txt).toBe('bvb-2026-03-16-to-2026-03-18.txt');
  });
});
