import type { DrawResult } from '@prizedraw/events';
import { DrawProgress } from './draw-progress';

const result = (accountId: string, rank: number, prize: DrawResult['prize'] = null): DrawResult => ({
  drawId: 'd1',
  accountId,
  outcome: prize ? 'won' : 'lost',
  prize,
  ticket: '00000000-0000-4000-8000-000000000000',
  rank,
  tickets: 1,
});
const car = { prizeId: 'car', name: 'A car' };

describe('DrawProgress', () => {
  it('when a customer’s live count grows, then only the growth is added and they count once', () => {
    const progress = new DrawProgress(10);
    progress.countTickets('a1', 2);
    progress.countTickets('a2', 1);
    progress.countTickets('a1', 5);
    expect([progress.entrants, progress.tickets]).toEqual([2, 6]);
  });

  it('when a count repeats or arrives out of date, then nothing changes', () => {
    const progress = new DrawProgress(10);
    progress.countTickets('a1', 5);
    const version = progress.version;
    progress.countTickets('a1', 5);
    progress.countTickets('a1', 3);
    expect([progress.entrants, progress.tickets, progress.version]).toEqual([1, 5, version]);
  });

  it('when the draw completes, then its figures are the draw’s and live counts are no longer kept', () => {
    const progress = new DrawProgress(10);
    progress.countTickets('a1', 5);
    progress.complete({ drawId: 'd1', entrants: 3, tickets: 9, winners: 1, lateTickets: 0 });
    progress.countTickets('a2', 4);
    expect([progress.entrants, progress.tickets]).toEqual([3, 9]);
  });

  it('when results arrive out of rank order, then pages are in rank order and winners are counted by prize', () => {
    const progress = new DrawProgress(10);
    for (const r of [result('a3', 3), result('a1', 1, car), result('a2', 2, car)]) progress.addResult(r);
    expect(progress.resultsPage(0, 2).results.map((r) => r.accountId)).toEqual(['a1', 'a2']);
    expect(progress.winnersByPrize()).toEqual([{ ...car, count: 2 }]);
    expect(progress.resultOf('a3')?.rank).toBe(3);
  });

  it('when a result repeats, then it is counted once', () => {
    const progress = new DrawProgress(10);
    progress.addResult(result('a1', 1, car));
    progress.addResult(result('a1', 1, car));
    expect([progress.results, progress.winnersByPrize()[0]?.count]).toEqual([1, 1]);
  });

  it('when more results come than are kept, then the rest are counted, not kept', () => {
    const progress = new DrawProgress(2);
    for (const r of [result('a1', 1, car), result('a2', 2), result('a3', 3, car)]) progress.addResult(r);
    expect(progress.results).toBe(3);
    expect(progress.resultsPage(0, 10).kept).toBe(2);
    expect(progress.resultOf('a3')).toBeUndefined();
    expect(progress.winnersByPrize()).toEqual([{ ...car, count: 2 }]);
  });
});
