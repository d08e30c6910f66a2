/** Lower bounds of the histogram's buckets of tickets per customer: 1, 2–4, 5–9, 10–49, 50–99, 100+. */
export const TICKET_BUCKETS = [1, 2, 5, 10, 50, 100] as const;

/** One bar of the histogram: customers holding from `from` to `to` tickets (`to` null: or more). */
export interface HistogramBar {
  readonly from: number;
  readonly to: number | null;
  readonly customers: number;
}

/**
 * Customers by ticket count, kept as counts per bucket and moved as a customer's count grows, so it costs
 * six numbers whatever the number of entrants.
 */
export class TicketHistogram {
  readonly #counts: number[] = TICKET_BUCKETS.map(() => 0);

  /** A customer's count went from `before` (undefined: new entrant) to `after`. */
  move(before: number | undefined, after: number): void {
    if (before !== undefined) this.#counts[bucketOf(before)]!--;
    this.#counts[bucketOf(after)]!++;
  }

  bars(): HistogramBar[] {
    return TICKET_BUCKETS.map((from, index) => ({
      from,
      to: index + 1 < TICKET_BUCKETS.length ? TICKET_BUCKETS[index + 1]! - 1 : null,
      customers: this.#counts[index]!,
    }));
  }
}

function bucketOf(tickets: number): number {
  let index = 0;
  while (index + 1 < TICKET_BUCKETS.length && tickets >= TICKET_BUCKETS[index + 1]!) index++;
  return index;
}
