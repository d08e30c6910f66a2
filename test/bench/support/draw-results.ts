import type { DrawResult } from '@prizedraw/events';

/** The result of entrant i (from 0) of a benchmark's draw: a lost one, as nearly all of a draw's are. */
export function benchDrawResult(i: number): DrawResult {
  return {
    drawId: 'bench-draw',
    accountId: `acc-${String(i).padStart(10, '0')}`,
    outcome: 'lost',
    prize: null,
    ticket: '0f3e8a3c-5b1d-4c7e-9a2b-7d6e5f4c3b2a',
    rank: i + 1,
    tickets: 1,
  };
}
