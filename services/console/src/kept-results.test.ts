import type { DrawResult } from '@prizedraw/events';
import { KeptResults } from './kept-results';

const result = (accountId: string, rank: number, extra: Partial<DrawResult> = {}): DrawResult => ({
  drawId: 'd1',
  accountId,
  outcome: 'lost',
  prize: null,
  ticket: `0f8fad5b-d9cb-469f-a165-${String(rank).padStart(12, '0')}`,
  rank,
  tickets: rank + 1,
  ...extra,
});
const car = { prizeId: 'car', name: 'A car' };

describe('KeptResults', () => {
  it('when results are kept, then each comes back as it was: outcome, prize, ticket, counts, exclusion', () => {
    const kept = new KeptResults();
    const results = [
      result('a1', 1, { outcome: 'won', prize: car, ticket: 'ffffffff-ffff-4fff-bfff-ffffffffffff' }),
      result('a2', 2, { prize: { prizeId: 'bonus', name: 'Free spins' } }),
      result('a3', 3, { excluded: true, ticket: '00000000-0000-4000-8000-000000000000' }),
    ];
    for (const r of results) kept.add(r);
    expect(results.map((r) => kept.get(r.accountId))).toEqual(results);
    expect([kept.size, kept.has('a2'), kept.has('a4'), kept.get('a4')]).toEqual([3, true, false, undefined]);
  });

  it('when results arrive out of rank order, then pages are in rank order, also after more arrive', () => {
    const kept = new KeptResults();
    for (const r of [result('a3', 3), result('a1', 1), result('a4', 4)]) kept.add(r);
    expect(kept.page(0, 10).map((r) => r.rank)).toEqual([1, 3, 4]);
    for (const r of [result('a5', 5), result('a2', 2)]) kept.add(r);
    expect(kept.page(1, 3).map((r) => r.accountId)).toEqual(['a2', 'a3', 'a4']);
  });

  it('when more results come than the first ticket buffer holds, then every ticket is still its own', () => {
    const kept = new KeptResults();
    for (let rank = 1; rank <= 5_000; rank++) kept.add(result(`a${rank}`, rank));
    expect(kept.get('a1')?.ticket).toBe(result('a1', 1).ticket);
    expect(kept.get('a5000')?.ticket).toBe(result('a5000', 5000).ticket);
    expect(kept.page(4_999, 1)[0]?.accountId).toBe('a5000');
  });

  it('when a caller changes a result it was given, then the kept one is unchanged', () => {
    const kept = new KeptResults();
    kept.add(result('a1', 1, { outcome: 'won', prize: car }));
    kept.get('a1')!.prize!.name = 'changed';
    expect(kept.get('a1')?.prize).toEqual(car);
  });
});
