import { canonicalJson, type HashedResult, resultLine } from './draw-scheme';

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
