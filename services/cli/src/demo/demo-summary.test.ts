import type { DrawCompleted } from '@prizedraw/events';
import { demoDraw } from './demo-draw';
import { type DemoFigures, demoProblems } from './demo-summary';

// Two customers earned 3 and 1 tickets; two repeats and one broken record were sent.
function figures(overrides: Partial<DemoFigures> = {}): DemoFigures {
  return {
    draw: demoDraw('demo-draw'),
    customers: 2,
    load: {
      messages: [],
      records: 6,
      expectedTickets: new Map([
        ['acc-1', 3],
        ['acc-2', 1],
      ]),
      stakes: 3,
      awards: 1,
      duplicates: 2,
      malformed: 1,
    },
    outcome: {
      results: 2,
      byPrize: new Map(),
      repeated: new Set(),
      miscounted: new Set(),
      completed: { entrants: 2, tickets: 4 } as DrawCompleted,
    },
    deadLettered: 1,
    duplicatesDropped: 2,
    times: { started: 0, sent: 1, completed: 2 },
    notifications: { delivered: 0, queued: 2, byReason: [] },
    ...overrides,
  };
}

describe('demoProblems', () => {
  it('when every figure matches the load, then there is none', () => {
    expect(demoProblems(figures())).toEqual([]);
  });

  it('when dedupe dropped fewer repeats than were sent (or its count was read from the wrong process), then it says so', () => {
    expect(demoProblems(figures({ duplicatesDropped: 0 }))).toEqual(['0 repeats dropped by dedupe, 2 sent']);
  });

  it('when a broken record was not dead-lettered, then it says so', () => {
    expect(demoProblems(figures({ deadLettered: 0 }))).toEqual(['0 dead-lettered, 1 broken records sent']);
  });
});
