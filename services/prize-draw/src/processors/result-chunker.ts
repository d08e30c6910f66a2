import { type ChunkOutcome, type DrawResultChunk, PIPELINE_EVENT_TYPES } from '@prizedraw/events';
import type { DrawOutput } from './advance-draw';
import type { DrawResultData } from './draw-result-of';

/**
 * Results per chunk: ~70 bytes each in columns, so a chunk of a thousand stays well inside the runtime's 512
 * KiB produce requests and the broker's 1 MiB batches, even when each of its results won a prize of its own.
 */
export const RESULTS_PER_CHUNK = 1_000;

/**
 * Gathers an emission slice's results into `draw-result-chunk` outputs for draw-results (`PRIZE_DRAW_FAN_OUT`).
 * A chunk never spans two slices: each slice's transaction holds its own results with the progress it stores.
 * A chunk's id names how many of the draw's results came before it, so a replayed slice gives the same ids.
 */
export class ResultChunker {
  readonly #drawId: string;
  readonly #send: (output: DrawOutput) => Promise<void>;
  #before: number;
  #chunk!: DrawResultChunk;
  // The chunk's outcomes by their JSON, and the last result's, which most of the next results share (the
  // same default prize object, or null): only a result whose prize differs makes its outcome's JSON.
  #outcomeIndex!: Map<string, number>;
  #last: { result: DrawResultData; index: number } | undefined;

  /** `before`: results of the draw sent by earlier slices. */
  constructor(drawId: string, before: number, send: (output: DrawOutput) => Promise<void>) {
    this.#drawId = drawId;
    this.#before = before;
    this.#send = send;
    this.#start();
  }

  /** Adds the next result in rank order; sends the chunk once it is full. */
  add(result: DrawResultData): Promise<void> | undefined {
    const chunk = this.#chunk;
    chunk.accountIds.push(result.accountId);
    chunk.tickets.push(result.ticket);
    chunk.counts.push(result.tickets);
    chunk.ranks.push(result.rank);
    chunk.outcomeOf.push(this.#outcomeOf(result));
    return chunk.accountIds.length < RESULTS_PER_CHUNK ? undefined : this.#flush(false);
  }

  /** Sends what is gathered; `last`: the draw's final chunk, sent even when empty. */
  async finish(last: boolean): Promise<void> {
    if (this.#chunk.accountIds.length > 0 || last) await this.#flush(last);
  }

  #outcomeOf(result: DrawResultData): number {
    const last = this.#last;
    if (
      last !== undefined &&
      result.prize === last.result.prize &&
      result.outcome === last.result.outcome &&
      result.excluded === last.result.excluded &&
      result.prizes === last.result.prizes
    )
      return last.index;
    const { outcome, prize, prizes, excluded } = result;
    const shared: ChunkOutcome = { outcome, prize };
    if (prizes !== undefined) shared.prizes = prizes;
    if (excluded) shared.excluded = excluded;
    const key = JSON.stringify(shared);
    let index = this.#outcomeIndex.get(key);
    if (index === undefined) {
      index = this.#chunk.outcomes.push(shared) - 1;
      this.#outcomeIndex.set(key, index);
    }
    this.#last = { result, index };
    return index;
  }

  #start(): void {
    this.#chunk = {
      drawId: this.#drawId,
      accountIds: [],
      tickets: [],
      counts: [],
      ranks: [],
      outcomes: [],
      outcomeOf: [],
    };
    this.#outcomeIndex = new Map();
    this.#last = undefined;
  }

  #flush(last: boolean): Promise<void> {
    const drawId = this.#drawId;
    const data = this.#chunk;
    if (last) data.last = true;
    const id = `${drawId}:results:${this.#before}`;
    this.#before += data.accountIds.length;
    this.#start();
    return this.#send({ key: drawId, type: PIPELINE_EVENT_TYPES.drawResultChunk, data, id, sink: 'chunks' });
  }
}
