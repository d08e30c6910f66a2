import { canonicalJson, type HashedResult, resultLine, resultLines, resultsHashOf } from './draw-scheme';

const results: HashedResult[] = [
  { drawId: 'xmas', accountId: 'acc-1', outcome: 'lost', prize: null, ticket: 'f0', rank: 2, tickets: 1 },
  {
    drawId: 'd"\\é',
    accountId: 'ü\u2028😀',
    outcome: 'won',
    prize: { prizeId: 'car', name: 'A "car"' },
    ticket: '00000000-0000-4000-8000-000000000000',
    rank: 1,
    tickets: 12,
  },
  {
    drawId: 'xmas',
    accountId: 'acc-2',
    outcome: 'won',
    // A prize as a definition holds it may carry more than the contract's two fields: all are hashed.
    prize: { prizeId: 'spin', name: 'Spins', value: 10 } as HashedResult['prize'],
    ticket: 'ab',
    rank: 1_000_000,
    tickets: 2 ** 40,
  },
];

describe('result lines', () => {
  it.each(results.map((result) => [result.accountId, result]))(
    'when the result of %s is written as a line, then it is the canonical JSON of its contract fields',
    (_, result) => {
      const { drawId, accountId, outcome, prize, ticket, rank, tickets } = result;
      const fields = { tickets, rank, ticket, prize, outcome, accountId, drawId };
      expect(resultLine({ ...result, extra: 'not hashed' } as HashedResult)).toBe(
        `${canonicalJson(fields)}\n`,
      );
    },
  );
});

describe('resultLines', () => {
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
