import { type Contest, type ContestRow, parseContestRow } from '@prizedraw/contests';
import { buildContestRow } from '../../../../libs/compliance-db/src/fixtures';
import { drawDefinitionOf } from './draw-definition-of';
import { periodsToDefine } from './periods-to-define';
import { periodsToTrigger } from './periods-to-trigger';

// The contest as the scheduler gets it: a table row (daily, New York, March 2026) read by parseContestRow.
function buildContest(overrides: Partial<ContestRow> = {}): Contest {
  const parsed = parseContestRow(
    buildContestRow({
      frequency: 'daily',
      start_date: '2026-03-01',
      end_date: '2026-03-31',
      utm_content: 'spring',
      ...overrides,
    }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.contest;
}

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
    expect(periodsToTrigger([buildContest({ status: 0 })], new Date('2026-03-16T10:00:00Z'))).toEqual([]);
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
      buildContest({ end_date: '2026-03-02' }),
      new Date('2026-03-10T12:00:00Z'),
    );
    expect(periods.map((p) => p.start)).toEqual(['2026-03-01', '2026-03-02']);
  });
});

describe('drawDefinitionOf', () => {
  it('when a period is defined, then it is an sca draw of the utm_content over the period, deduping as the contest says', () => {
    const [period] = periodsToDefine(buildContest({ dedupe_on_email: 1 }), new Date('2026-03-01T12:00:00Z'));
    expect(drawDefinitionOf(buildContest({ dedupe_on_email: 1 }), period!)).toMatchObject({
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
