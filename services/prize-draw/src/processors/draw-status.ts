import type { DrawDefined, Stamp } from '@prizedraw/events';
import type { PrizeRef } from '../adapters/draw-store';

/**
 * Where a draw is: `collecting` runs; `ready` once every wallet partition's run-end arrived; `deciding`
 * the table prizes (first pass over the merged head); `emitting` one result per entrant; `completed`; or
 * `skipped` when its definition says SCA administers it (SCA picks those winners from the exported entries;
 * the draw gets a record of its entries and no results).
 */
export type DrawPhase = 'collecting' | 'ready' | 'deciding' | 'emitting' | 'completed' | 'skipped';

/** The run-end of one wallet partition. */
export interface RunEndSummary {
  partition: number;
  entries: number;
  tickets: number;
  /** The offset of the first record of the exclusions partition of the same number the run did not apply. */
  exclusionsOffset?: string;
}

/** The part of the draw definition a draw runs with, fixed when the decision starts. */
export interface DrawRules {
  prizes: (PrizeRef & { quantity: number })[];
  maxWinsPerCustomer: number;
  defaultPrize: PrizeRef | null;
}

/** Progress of the decision pass: merge positions (next seq per wallet partition) and prize table position. */
export interface DecideProgress {
  positions: number[];
  rank: number;
  prizeIndex: number;
  /** How many of the prize at `prizeIndex` were given. */
  given: number;
  awarded: number;
}

/** Progress of the result emission: merge positions, rank reached, results sent. */
export interface EmitProgress {
  positions: number[];
  rank: number;
  entrants: number;
  winners: number;
}

/** The time and timeline results continue: those of the run-end that completed the draw's runs. */
export interface EventOrigin {
  time: string;
  timeline: Stamp[];
}

/** `status|<drawId>`: everything the draw service knows about a draw's progress. */
export interface DrawStatus {
  drawId: string;
  phase: DrawPhase;
  /** Wallet partitions sending a run, from the first run-end. */
  partitions?: number;
  runEnds: RunEndSummary[];
  lateTickets: number;
  origin?: EventOrigin;
  rules?: DrawRules;
  /** The definition the draw runs with, fixed with `rules` (for the draw record). */
  definition?: DrawDefined;
  /** Per activity partition, where the draw's marker landed: from the run-ends, when they carry them. */
  cutoffOffsets?: { partition: number; offset: string }[];
  decide?: DecideProgress;
  /** Rank of the last entry the decision pass looked at: nobody ranked below it won a table prize. */
  decidedThroughRank?: number;
  emit?: EmitProgress;
  completed?: { entrants: number; tickets: number; winners: number; lateTickets: number; at: string };
}

/** A draw the service has heard nothing of yet. */
export function newDrawStatus(drawId: string): DrawStatus {
  return { drawId, phase: 'collecting', runEnds: [], lateTickets: 0 };
}

/** The rules snapshot of a definition. */
export function rulesOf(definition: DrawDefined): DrawRules {
  return {
    prizes: definition.prizes.map(({ prizeId, name, quantity }) => ({ prizeId, name, quantity })),
    maxWinsPerCustomer: definition.maxWinsPerCustomer,
    defaultPrize: definition.defaultPrize,
  };
}

/** Positions at the head of every run. */
export function headPositions(partitions: number): number[] {
  return Array.from({ length: partitions }, () => 0);
}

/** Tickets of the draw: the sum over every wallet partition's run-end. */
export function ticketsOf(status: DrawStatus): number {
  return status.runEnds.reduce((sum, end) => sum + end.tickets, 0);
}
