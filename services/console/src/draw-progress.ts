import type { DrawCompleted, DrawResult, RunEnd } from '@prizedraw/events';
import type { DrawVerification } from './draw-verification';
import type { FullVerification } from './full-verification';
import { KeptResults } from './kept-results';
import { PartitionProgressTable } from './partition-progress';
import { type HistogramBar, TicketHistogram } from './ticket-histogram';

/** Winners of one prize so far. */
export interface PrizeWinners {
  readonly prizeId: string;
  readonly name: string;
  count: number;
}

/**
 * What the console knows of one draw from the topics: live counts while it is open, then its results. Memory
 * is bounded: the per-customer counts are dropped once the draw completes, and at most `resultsKept` results
 * are kept (the rest are only counted).
 */
export class DrawProgress {
  /** Tickets per customer, from the live counts; dropped at completion. */
  #ticketsOf: Map<string, number> | undefined = new Map();
  #entrants = 0;
  #tickets = 0;
  readonly #kept = new KeptResults();
  readonly #winnersByPrize = new Map<string, PrizeWinners>();
  readonly #histogram = new TicketHistogram();
  /** Customers who reached each milestone (a ticket count the draw flags). */
  readonly #milestones = new Map<number, number>();
  readonly #resultsKept: number;
  /** When the trigger was seen (its record time), if it was. */
  triggeredAt: string | undefined;
  completed: DrawCompleted | undefined;
  verification: DrawVerification | undefined;
  /** The last `prizedraw verify` of the draw run from the console, or the one running. */
  fullVerification: FullVerification | undefined;
  /** After the trigger: each wallet partition's run and results. */
  readonly partitions = new PartitionProgressTable();
  results = 0;
  /** Grows with every change, so a live page is sent a snapshot only when there is news. */
  version = 0;

  constructor(resultsKept: number) {
    this.#resultsKept = resultsKept;
  }

  get entrants(): number {
    return this.completed?.entrants ?? this.#entrants;
  }

  get tickets(): number {
    return this.completed?.tickets ?? this.#tickets;
  }

  /** A customer's live count: the count is theirs so far, so only growth is added. */
  countTickets(accountId: string, tickets: number, milestone = false): void {
    if (!this.#ticketsOf) return;
    const before = this.#ticketsOf.get(accountId);
    if (before === undefined) this.#entrants++;
    if (before !== undefined && tickets <= before) return;
    this.#ticketsOf.set(accountId, tickets);
    this.#tickets += tickets - (before ?? 0);
    this.#histogram.move(before, tickets);
    if (milestone) this.#milestones.set(tickets, (this.#milestones.get(tickets) ?? 0) + 1);
    this.version++;
  }

  trigger(at: string): void {
    if (this.triggeredAt !== undefined) return;
    this.triggeredAt = at;
    this.version++;
  }

  /** A result, read from `partition` of the results topic (undefined: not counted by partition). */
  addResult(result: DrawResult, partition?: number): void {
    if (this.#kept.has(result.accountId)) return;
    this.results++;
    if (partition !== undefined) this.partitions.result(partition);
    if (result.outcome === 'won' && result.prize) {
      const winners = this.#winnersByPrize.get(result.prize.prizeId) ?? { ...result.prize, count: 0 };
      winners.count++;
      this.#winnersByPrize.set(result.prize.prizeId, winners);
    }
    if (this.#kept.size < this.#resultsKept) this.#kept.add(result);
    this.version++;
  }

  /** The draw's record was published. */
  recorded(verification: DrawVerification): void {
    this.verification = verification;
    this.version++;
  }

  fullyVerified(outcome: FullVerification): void {
    this.fullVerification = outcome;
    this.version++;
  }

  /** A run entry of a wallet partition after the trigger. */
  runEntries(partition: number, count: number): void {
    this.partitions.runEntries(partition, count);
    this.version++;
  }

  runEnded(end: RunEnd): void {
    this.partitions.runEnded(end);
    this.version++;
  }

  complete(completed: DrawCompleted): void {
    this.completed = completed;
    this.#ticketsOf = undefined;
    this.version++;
  }

  /** Customers by tickets held, as of the last live count (frozen at completion). */
  histogram(): HistogramBar[] {
    return this.#histogram.bars();
  }

  /** How many customers reached each milestone, lowest first. */
  milestones(): { tickets: number; customers: number }[] {
    return [...this.#milestones]
      .sort(([a], [b]) => a - b)
      .map(([tickets, customers]) => ({ tickets, customers }));
  }

  winnersByPrize(): PrizeWinners[] {
    return [...this.#winnersByPrize.values()].map((winners) => ({ ...winners }));
  }

  /** Kept results in rank order, a page at a time. */
  resultsPage(offset: number, limit: number): { kept: number; results: DrawResult[] } {
    return { kept: this.#kept.size, results: this.#kept.page(offset, limit) };
  }

  /** A customer's tickets: their live count while the draw is open, then their result's. */
  ticketsOf(accountId: string): number | undefined {
    return this.#ticketsOf?.get(accountId) ?? this.#kept.get(accountId)?.tickets;
  }

  resultOf(accountId: string): DrawResult | undefined {
    return this.#kept.get(accountId);
  }
}
