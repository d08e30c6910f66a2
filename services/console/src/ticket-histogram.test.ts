import { DrawProgress } from './draw-progress';
import { TicketHistogram } from './ticket-histogram';

const customersOf = (histogram: TicketHistogram) => histogram.bars().map((bar) => bar.customers);

describe('TicketHistogram', () => {
  it('when a customer’s count grows past a bound, then they move to the next bar', () => {
    const histogram = new TicketHistogram();
    histogram.move(undefined, 1);
    histogram.move(undefined, 4);
    histogram.move(1, 5);
    histogram.move(undefined, 250);
    expect(customersOf(histogram)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(histogram.bars().at(-1)).toEqual({ from: 100, to: null, customers: 1 });
    expect(histogram.bars()[1]).toEqual({ from: 2, to: 4, customers: 1 });
  });
});

describe('DrawProgress milestones', () => {
  it('when customers reach milestones, then each is counted once per customer', () => {
    const progress = new DrawProgress(0);
    progress.countTickets('a1', 10, true);
    progress.countTickets('a1', 10, true);
    progress.countTickets('a2', 5, true);
    progress.countTickets('a2', 10, true);
    expect(progress.milestones()).toEqual([
      { tickets: 5, customers: 1 },
      { tickets: 10, customers: 2 },
    ]);
  });
});
