import { createHash } from 'node:crypto';
import { chiSquarePValue, chiSquareStatistic } from '../../../prize-draw/test/support/chi-square';
import { derivedTickets } from './derived-tickets';
import { keepBestTickets } from './keep-best-tickets';
import { formatTicket } from './ticket-format';

const seed = createHash('sha256').update('derived-tickets-test').digest();

describe('derived tickets', () => {
  it('when the same grants are replayed, then the customer gets the same tickets', () => {
    const once = keepBestTickets([], 30, 3, derivedTickets(seed, 'xmas', 'ann', 1));
    const inTwoGrants = keepBestTickets(
      keepBestTickets([], 12, 3, derivedTickets(seed, 'xmas', 'ann', 1)),
      18,
      3,
      derivedTickets(seed, 'xmas', 'ann', 13),
    );
    expect(inTwoGrants).toEqual(once);
    expect(keepBestTickets([], 30, 3, derivedTickets(seed, 'xmas', 'bob', 1))).not.toEqual(once);
  });

  it('when ticket 1 of a customer is derived, then it is the first 16 bytes of the documented HMAC', () => {
    // docs/verifiable-draws.md, "A worked ticket": seed = 32 bytes 0x01, draw "d", customer "c", n = 1.
    const bytes = derivedTickets(Buffer.alloc(32, 1), 'd', 'c', 1)(16);
    expect(formatTicket(bytes)).toBe(WORKED_TICKET);
  });

  it('when 100,000 draws are simulated, then each customer wins in proportion to their tickets (chi-square)', () => {
    const counts = [1, 2, 3, 4, 5];
    const total = counts.reduce((sum, n) => sum + n, 0);
    const DRAWS = 100_000;
    const wins = counts.map(() => 0);
    for (let draw = 0; draw < DRAWS; draw++) {
      let best = '';
      let winner = -1;
      counts.forEach((n, customer) => {
        const [ticket] = keepBestTickets([], n, 1, derivedTickets(seed, `draw-${draw}`, `c${customer}`, 1));
        if (ticket! > best) [best, winner] = [ticket!, customer];
      });
      wins[winner]!++;
    }
    const expected = counts.map((n) => (DRAWS * n) / total);
    const p = chiSquarePValue(chiSquareStatistic(wins, expected), counts.length - 1);
    expect(p).toBeGreaterThan(0.001);
  });
});

// Computed once with Node's crypto from the documented bytes; the standalone verifier's test recomputes it.
const WORKED_TICKET = '90c5a835-9b04-f246-fba9-c85b6b4966d2';
