import type { DrawCompleted, DrawDefined, DrawResult } from '@prizedraw/events';
import type { DrawDefinitions } from '@prizedraw/service';
import { DrawProgress, type PrizeWinners } from './draw-progress';
import { type DrawState, drawStateOf, inTimeZone, latestClosingFirst } from './draw-state';
import type { DrawVerification } from './draw-verification';
import type { FullVerification } from './full-verification';
import type { PartitionProgress } from './partition-progress';
import type { HistogramBar } from './ticket-histogram';

/** A draw as the Draws page lists it. */
export interface DrawSummary {
  readonly drawId: string;
  readonly promoCode: string;
  readonly administrator: DrawDefined['administrator'];
  readonly state: DrawState;
  readonly entrants: number;
  readonly tickets: number;
  readonly timezone: string;
  readonly opensAt: string;
  readonly closesAt: string;
  /** opensAt and closesAt as wall-clock times of the draw's time zone. */
  readonly opensLocal: string;
  readonly closesLocal: string;
}

/** A page of the Draws list: its draws, how many are defined in all, and the `after` of the next page. */
export interface DrawListPage {
  readonly draws: DrawSummary[];
  readonly total: number;
  readonly next: string | null;
}

/** A customer's standing in one draw. */
export interface CustomerDraw {
  readonly drawId: string;
  readonly promoCode: string;
  readonly state: DrawState;
  readonly tickets: number;
  readonly result: DrawResult | null;
}

/** One draw's page: the summary, its prizes and what the results say so far. */
export interface DrawDetail extends DrawSummary {
  readonly prizes: DrawDefined['prizes'];
  readonly triggeredAt: string | null;
  readonly results: number;
  readonly winnersByPrize: PrizeWinners[];
  readonly histogram: HistogramBar[];
  readonly milestones: { tickets: number; customers: number }[];
  readonly completed: DrawCompleted | null;
  readonly verification: DrawVerification | null;
  /** The last `prizedraw verify` run from the console (or running); null: not run since it started. */
  readonly fullVerification: FullVerification | null;
  readonly partitions: PartitionProgress[];
  /** How many partitions send a run; null until one has ended. */
  readonly partitionsExpected: number | null;
}

/**
 * Every draw's definition (the definitions table) joined with its progress (fed from the ticket updates,
 * triggers and results topics). Progress may come before the definition (topics are read in parallel).
 */
export class DrawBoard {
  readonly #definitions: DrawDefinitions;
  readonly #progress = new Map<string, DrawProgress>();
  readonly #resultsKept: number;
  #ordered: { version: number; draws: DrawDefined[] } | undefined;

  constructor(definitions: DrawDefinitions, resultsKept: number) {
    this.#definitions = definitions;
    this.#resultsKept = resultsKept;
  }

  progressOf(drawId: string): DrawProgress {
    let progress = this.#progress.get(drawId);
    if (!progress) {
      progress = new DrawProgress(this.#resultsKept);
      this.#progress.set(drawId, progress);
    }
    return progress;
  }

  /**
   * A page of the defined draws, latest closing first (then by draw id): `limit` of them after draw `after`,
   * or from the first. Undefined when `after` is not a defined draw.
   */
  list(now: number, { limit, after }: { limit: number; after?: string }): DrawListPage | undefined {
    const ordered = this.#inListOrder();
    let from = 0;
    if (after !== undefined) {
      const draw = this.#definitions.get(after);
      if (draw === undefined) return undefined;
      from = ordered.indexOf(draw) + 1;
    }
    const draws = ordered.slice(from, from + limit);
    const next = from + limit < ordered.length ? draws.at(-1)!.drawId : null;
    return { draws: draws.map((draw) => this.#summary(draw, now)), total: ordered.length, next };
  }

  detail(drawId: string, now: number): DrawDetail | undefined {
    const draw = this.#definitions.get(drawId);
    if (!draw) return undefined;
    const progress = this.#progress.get(drawId);
    return {
      ...this.#summary(draw, now),
      prizes: draw.prizes,
      triggeredAt: progress?.triggeredAt ?? null,
      results: progress?.results ?? 0,
      winnersByPrize: progress?.winnersByPrize() ?? [],
      histogram: (progress ?? new DrawProgress(0)).histogram(),
      milestones: progress?.milestones() ?? [],
      completed: progress?.completed ?? null,
      verification: progress?.verification ?? null,
      fullVerification: progress?.fullVerification ?? null,
      partitions: progress?.partitions.rows() ?? [],
      partitionsExpected: progress?.partitions.expected ?? null,
    };
  }

  /** A page of kept results in rank order, or the one result of `accountId`. */
  results(drawId: string, query: { account?: string; offset: number; limit: number }) {
    const progress = this.#progress.get(drawId);
    if (!progress) return { total: 0, kept: 0, results: [] as DrawResult[] };
    if (query.account !== undefined) {
      const result = progress.resultOf(query.account);
      return { total: progress.results, kept: result ? 1 : 0, results: result ? [result] : [] };
    }
    return { total: progress.results, ...progress.resultsPage(query.offset, query.limit) };
  }

  /**
   * The draws `accountId` holds tickets in or has a result of, as far as the console knows: live counts of
   * draws not completed, and results it keeps (CONSOLE_RESULTS_KEPT).
   */
  customer(accountId: string, now: number): CustomerDraw[] {
    const draws: CustomerDraw[] = [];
    for (const [drawId, progress] of this.#progress) {
      const draw = this.#definitions.get(drawId);
      const tickets = progress.ticketsOf(accountId);
      if (!draw || tickets === undefined) continue;
      const result = progress.resultOf(accountId) ?? null;
      draws.push({
        drawId,
        promoCode: draw.promoCode,
        state: drawStateOf(draw, progress, now),
        tickets,
        result,
      });
    }
    return draws;
  }

  /** A number that changes whenever the draw's page would: its progress or its definition. */
  versionOf(drawId: string): string {
    return `${this.#progress.get(drawId)?.version ?? 0}:${this.#definitions.version()}`;
  }

  // Sorted again only when a definition changed: the Draws page asks every 2 s, and years of contest periods
  // make 100,000s of draws, too many to sort (and far too many to summarize) for every request.
  #inListOrder(): DrawDefined[] {
    const version = this.#definitions.version();
    if (this.#ordered?.version !== version) {
      this.#ordered = { version, draws: latestClosingFirst(this.#definitions.changedSince(0)) };
    }
    return this.#ordered.draws;
  }

  #summary(draw: DrawDefined, now: number): DrawSummary {
    const progress = this.#progress.get(draw.drawId);
    return {
      drawId: draw.drawId,
      promoCode: draw.promoCode,
      administrator: draw.administrator,
      state: drawStateOf(draw, progress, now),
      entrants: progress?.entrants ?? 0,
      tickets: progress?.tickets ?? 0,
      timezone: draw.timezone,
      opensAt: draw.opensAt,
      closesAt: draw.closesAt,
      opensLocal: inTimeZone(draw.opensAt, draw.timezone),
      closesLocal: inTimeZone(draw.closesAt, draw.timezone),
    };
  }
}
