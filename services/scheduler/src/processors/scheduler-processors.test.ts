import type { Contest } from '@prizedraw/contests';
import { drawDefinitionOf } from './draw-definition-of';
import { periodsToDefine } from './periods-to-define';
import { periodsToTrigger } from './periods-to-trigger';

const buildContest = (overrides: Partial<Contest> = {}): Contest => ({
  contestId: 1,
  utmContent: 'spring',
  name: 'Spring',
  ruleset: 'gift-card',
  frequency: 'daily',
  startDate: '2026-03-01',
  endDate: '2026-03-31',
  dedupeOnEmail: false,
  active: true,
  timezone: 'America/New_York',
  site: '2017',
  createdAt: null,
  ...overrides,
});

describe('periodsToTrigger', () => {
  it('when a daily contest ran all week, then the run on Monday triggers its 7 days', () => {
    const due = periodsToTrigger([buildContest()], new Date('2026-03-16T10:00:00Z'));
    expect(due.map((d) => d.drawId)).toEqual(
      [9, 10, 11, 12, 13, 14, 15].map(
        (day) => `spring-2026-03-${String(day).padStart(2, '0')}-to-2026-03-${String(day).padStart(2, '0')}`,
      ),
    );
  });

  it('when a contest is inactive, then nothing of it is triggered', () => {
    expect(periodsToTrigger([buildContest({ active: false })], new Date('2026-03-16T10:00:00Z'))).toEqual([]);
  });
});

describe('periodsToDefine', () => {
  it('when a weekly contest is under way, then its ended, current and next periods are defined', () => {
    const periods = periodsToDefine(buildContest({ frequency: 'weekly' }), new Date('2026-03-11T12:00:00Z'));
    expect(periods.map((p) => `${p.start}..${p.end}`)).toEqual([
      '2026-03-01..2026-03-01',
      '2026-03-02..2026-03-08',
      '2026-03-09..2026-03-15',
      '2026-03-16..2026-03-22',
    ]);
  });

  it('when the contest ends, then no period past its end date is defined', () => {
    const periods = periodsToDefine(
      buildContest({ endDate: '2026-03-02' }),
      new Date('2026-03-10T12:00:00Z'),
    );
    expect(periods.map((p) => p.start)).toEqual(['2026-03-01', '2026-03-02']);
  });
});

describe('drawDefinitionOf', () => {
  it('when a period is defined, then it is an sca draw of the utm_content over the period, deduping as the contest says', () => {
    const [period] = periodsToDefine(buildContest({ dedupeOnEmail: true }), new Date('2026-03-01T12:00:00Z'));
    expect(drawDefinitionOf(buildContest({ dedupeOnEmail: true }), period!)).toMatchObject({
      drawId: 'spring-2026-03-01-to-2026-03-01',
      promoCode: 'spring',
      opensAt: '2026-03-01T00:00:00.000-05:00',
      closesAt: '2026-03-02T00:00:00.000-05:00',
      administrator: 'sca',
      dedupeOnEmail: true,
      timezone: 'America/New_York',
    });
  });
});
