import { buildAward, buildEntry, buildStake } from '../../test/support/builders';
import { crossedMilestone } from './crossed-milestone';
import { applyActivity, NO_TICKETS, type TicketTotals, totalTickets } from './ticket-totals';

describe('applyActivity', () => {
  it('when stakes cross stakePerTicketMinor, then each crossing grants a ticket and the remainder is carried', () => {
    let totals: TicketTotals = NO_TICKETS;
    const granted: number[] = [];
    for (const stakeMinor of [400, 700, 850, 50, 3500, 999]) {
      const applied = applyActivity(totals, buildStake(stakeMinor), stakeMinor);
      granted.push(applied.granted);
      totals = applied.totals;
    }
    expect(granted).toEqual([0, 1, 0, 1, 3, 1]);
    expect(totals).toEqual({ stakeMinor: 6499, stakeTickets: 6, awardTickets: 0, entryTickets: 0 });
  });

  it('when the draw has no stakePerTicketMinor, then stake is kept but grants nothing', () => {
    const stake = buildStake(5000, { draw: { stakePerTicketMinor: undefined } });
    expect(applyActivity(NO_TICKETS, stake, 5000)).toEqual({
      totals: { ...NO_TICKETS, stakeMinor: 5000 },
      granted: 0,
    });
  });

  it('when the stake per ticket is raised mid-draw, then tickets already granted are kept', () => {
    const before = { ...NO_TICKETS, stakeMinor: 3000, stakeTickets: 3 };
    const applied = applyActivity(before, buildStake(100, { draw: { stakePerTicketMinor: 2000 } }), 100);
    expect(applied).toEqual({ totals: { ...before, stakeMinor: 3100 }, granted: 0 });
  });

  it('when awards and entries arrive, then they grant their tickets and one ticket each', () => {
    const award = applyActivity(NO_TICKETS, buildAward(4), 4);
    const entry = applyActivity(award.totals, buildEntry(), 1);
    expect([award.granted, entry.granted]).toEqual([4, 1]);
    expect(totalTickets(entry.totals)).toBe(5);
  });
});

describe('crossedMilestone', () => {
  it.each([
    [0, 1, true],
    [1, 3, false],
    [8, 12, true],
    [9, 10, true],
    [10, 11, false],
    [0, 100, true],
    [11, 100, false],
  ])(
    'when tickets go from %i to %i with milestones [1, 10], then milestone is %s',
    (before, after, expected) => {
      expect(crossedMilestone(before, after, [1, 10])).toBe(expected);
    },
  );

  it('when the draw has no milestones, then no count is a milestone', () => {
    expect(crossedMilestone(0, 50, [])).toBe(false);
  });
});
