import { type DrawResultChunk, PIPELINE_EVENT_TYPES } from '@prizedraw/events';
import type { DrawOutput } from './advance-draw';
import type { DrawResultData } from './draw-result-of';

/**
 * Results per chunk: ~250 bytes each as JSON, so a chunk stays near 125 KB, well inside the runtime's 512 KiB
 * produce requests and the broker's 1 MiB batches whatever the prize names.
 */
export const RESULTS_PER_CHUNK = 500;

/**
 * Gathers an emission slice's results into `draw-result-chunk` outputs for draw-results (`PRIZE_DRAW_FAN_OUT`).
 * A chunk never spans two slices: each slice's transaction holds its own results with the progress it stores.
 * A chunk's id names how many of the draw's results came before it, so a replayed slice gives the same ids.
 */
export class ResultChunker {
  readonly #drawId: string;
  readonly #send: (output: DrawOutput) => Promise<void>;
  #results: DrawResultData[] = [];
  #before: number;

  /** `before`: results of the draw sent by earlier slices. */
  constructor(drawId: string, before: number, send: (output: DrawOutput) => Promise<void>) {
    this.#drawId = drawId;
    this.#before = before;
    this.#send = send;
  }

  /** Adds the next result in rank order; sends the chunk once it is full. */
  add(result: DrawResultData): Promise<void> | undefined {
    this.#results.push(result);
    return this.#results.length < RESULTS_PER_CHUNK ? undefined : this.#flush(false);
  }

  /** Sends what is gathered; `last`: the draw's final chunk, sent even when empty. */
  async finish(last: boolean): Promise<void> {
    if (this.#results.length > 0 || last) await this.#flush(last);
  }

  #flush(last: boolean): Promise<void> {
    const drawId = this.#drawId;
    const data: DrawResultChunk = { drawId, results: this.#results };
    if (last) data.last = true;
    const id = `${drawId}:results:${this.#before}`;
    this.#before += this.#results.length;
    this.#results = [];
    return this.#send({ key: drawId, type: PIPELINE_EVENT_TYPES.drawResultChunk, data, id, sink: 'chunks' });
  }
}
