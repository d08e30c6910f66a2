import { resultsHashOf } from '@prizedraw/events';
import { resultLines } from './result-lines';

describe('result lines', () => {
  it('when results are added in rank order, then they hash as resultsHashOf hashes them', () => {
    const prizes = [null, { prizeId: 'gold', name: 'Gold "1st"' }, { name: 'Spins', prizeId: 'spins' }];
    const results = Array.from({ length: 5000 }, (_, i) => ({
      drawId: 'xmas "24" ü',
      accountId: i % 7 === 0 ? `ünïcode-£-😀-${i}` : `acc-${i}`,
      outcome: i % 3 === 0 ? 'lost' : 'won',
      prize: prizes[i % 3]!,
      ticket: `${String(i).padStart(8, '0')}-0000-0000-0000-000000000000`,
      rank: i + 1,
      tickets: (i % 11) + 1,
    }));
    const lines = resultLines('xmas "24" ü');
    for (const r of results)
      lines.add(
        r.accountId,
        {
          outcome: r.outcome,
          prizeJson: JSON.stringify(r.prize && { name: r.prize.name, prizeId: r.prize.prizeId }),
        },
        r.rank,
        r.ticket,
        r.tickets,
      );
    expect(lines.digest()).toBe(resultsHashOf(results));
  });
});
