import type { Worker } from 'node:worker_threads';
import { resultLine } from '@prizedraw/events';
import { startWorker } from '@prizedraw/service';
import type { DrawResultData } from './draw-result-of';
import type { CollectedColumns } from './record-collector';
import type { RecordWorkerMessage } from './record-worker';

// Result lines posted to the worker per message: a few hundred lines, so a million entrants cost a few
// thousand messages, not a million.
const BATCH_CHARS = 64 * 1024;

/**
 * A draw's record, built in a worker thread from the results as the emission sends them: the emitting thread
 * only writes each result's line, while the parsing, hashing, sorting and the Merkle tree, a third of a
 * million-entrant draw's time when done after the emission on the same thread, use another core. The worker
 * keeps the million entries in its own heap, out of the emitting thread's garbage collection.
 */
export class RecordWorker {
  readonly #worker: Worker;
  #failure: Error | undefined;
  #lines = '';
  #excluded: string[] = [];

  constructor() {
    this.#worker = startWorker(__filename, 'record-worker', {
      // Its garbage is short-lived lines: a small young generation keeps the process's memory down.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    // A failure is reported by finish(); until then the worker must not take the process down.
    this.#worker.on('error', (error) => {
      this.#failure = error;
    });
    this.#worker.unref();
  }

  /** The next entrant's result, in rank order. */
  add(result: DrawResultData): void {
    this.#lines += resultLine(result);
    if (result.excluded) this.#excluded.push(result.accountId);
    if (this.#lines.length >= BATCH_CHARS) this.#post();
  }

  /** The collected record, once the worker has gone through every result; the worker then ends. */
  async finish(): Promise<CollectedColumns> {
    this.#post();
    try {
      return await new Promise<CollectedColumns>((resolve, reject) => {
        if (this.#failure) return reject(this.#failure);
        this.#worker.once('message', resolve);
        this.#worker.once('error', reject);
        this.#worker.once('exit', (code) => reject(new Error(`record worker exited with code ${code}`)));
        this.#send('finish');
      });
    } finally {
      await this.#worker.terminate();
    }
  }

  /** Stops the worker: what it collected is not needed. */
  discard(): void {
    void this.#worker.terminate();
  }

  #post(): void {
    if (this.#lines.length === 0) return;
    this.#send({ lines: this.#lines, excluded: this.#excluded });
    this.#lines = '';
    this.#excluded = [];
  }

  #send(message: RecordWorkerMessage): void {
    this.#worker.postMessage(message);
  }
}

/**
 * The record workers of the draws a task is emitting, each good only if it saw every result the committed
 * emission sent. The emission goes in slices, one transaction each; a worker remembers the rank its last
 * slice ended at and goes on only from a stored progress at that rank. A slice that failed, or whose
 * transaction aborted, leaves the stored rank behind the worker's: the worker is discarded and the record
 * walks the merged runs itself at completion, as after a restart, when there is none.
 */
export class EmissionRecords {
  readonly #byDraw = new Map<string, { worker: RecordWorker; reached: number }>();

  /** The draw's worker if it reached `rank`, else a new one when the emission starts and one is `wanted`. */
  beginSlice(drawId: string, rank: number, wanted: boolean): RecordWorker | undefined {
    return this.take(drawId, rank) ?? (rank === 0 && wanted ? new RecordWorker() : undefined);
  }

  /** Keeps `worker` after a slice that ended at `rank`. */
  endSlice(drawId: string, worker: RecordWorker, rank: number): void {
    this.#byDraw.set(drawId, { worker, reached: rank });
  }

  /** The worker that saw the whole emission, which ended at `rank`, if there is one; forgotten here. */
  take(drawId: string, rank: number): RecordWorker | undefined {
    const kept = this.#byDraw.get(drawId);
    this.#byDraw.delete(drawId);
    if (kept?.reached === rank) return kept.worker;
    kept?.worker.discard();
    return undefined;
  }

  /** Discards every worker (the task is closing). */
  discardAll(): void {
    for (const { worker } of this.#byDraw.values()) worker.discard();
    this.#byDraw.clear();
  }
}
