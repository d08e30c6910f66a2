import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { digestDraw, type RecordDigest } from '../processors/draw-record';
import type { DrawStatus } from '../processors/draw-status';
import type { DrawStore } from './draw-store';

/** What a digest worker is asked: whose digest, from which store, after which decision pass. */
export interface DigestRequest {
  location: string;
  drawId: string;
  decidedThroughRank: number;
}

/**
 * A digest as a worker posts it: the entries' ids as one JSON array and their tickets as numbers, which the
 * task's thread receives as two objects instead of cloning a million.
 */
export interface PackedDigest extends Omit<RecordDigest, 'entries'> {
  ids: string;
  tickets: Float64Array<ArrayBuffer>;
}

export function packDigest({ entries, ...digest }: RecordDigest): PackedDigest {
  const tickets = Float64Array.from(entries, (entry) => entry.tickets);
  return { ...digest, ids: JSON.stringify(entries.map((entry) => entry.accountId)), tickets };
}

function unpackDigest({ ids, tickets, ...digest }: PackedDigest): RecordDigest {
  const entries = (JSON.parse(ids) as string[]).map((accountId, i) => ({ accountId, tickets: tickets[i]! }));
  return { ...digest, entries };
}

/**
 * Hears where each draw's digest was computed, and why not in its worker when that worker failed (an error
 * in its script or its store, or too little memory).
 */
export type DigestReport = (drawId: string, where: 'worker' | 'draw-thread', workerError?: Error) => void;

// Beside this module and of its kind: the built .js, or the .ts when the service runs from source (as the
// tests run it, with `--require tsx/cjs`: a worker inherits the process's execArgv, and with it that hook;
// tsx's `--import` hooks do not reach a worker's script on Node 20).
const WORKER_SCRIPT = join(__dirname, `record-digest-worker${extname(__filename)}`);

/**
 * The digests of draw records: the second long walk of a completed draw (entry list, Merkle root, results
 * hash), which depends only on the runs and awards. Once a draw's emission is committed under way, a worker
 * thread computes its digest from the committed store while this thread sends the results, so the walk runs
 * on another core instead of after the last result. It is computed in this thread instead when the store
 * cannot be shared (the in-memory test driver), when no worker was started (the draw decided and emitted in
 * one transaction, an SCA draw, a task that took over at the last slice), or when the worker found the
 * committed state older than the emission, or failed. Nothing of a worker is stored: after a crash the next task starts
 * one again. Close this with the task: the workers hold the store open.
 */
export class RecordDigests {
  readonly #store: DrawStore;
  readonly #report: DigestReport;
  readonly #workers = new Map<string, { worker: Worker; answer: Promise<PackedDigest | null> }>();

  constructor(store: DrawStore, report: DigestReport = () => {}) {
    this.#store = store;
    this.#report = report;
  }

  /** Starts a worker on an emitting draw's digest unless one is running or the store cannot be shared. */
  start(status: DrawStatus): void {
    const location = this.#store.workerLocation;
    if (location === undefined || status.phase !== 'emitting' || this.#workers.has(status.drawId)) return;
    const request: DigestRequest = {
      location,
      drawId: status.drawId,
      decidedThroughRank: status.decidedThroughRank!,
    };
    const worker = new Worker(WORKER_SCRIPT, { workerData: request });
    const answer = new Promise<PackedDigest | null>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`draw record digest worker exited with ${code}`)));
    });
    // A failure is reported when the digest is taken; a draw that completes elsewhere never takes it.
    answer.catch(() => {});
    this.#workers.set(status.drawId, { worker, answer });
  }

  /** The digest of a draw about to complete: its worker's, or computed now from the task's store. */
  async take(status: DrawStatus, drawn: boolean): Promise<RecordDigest> {
    const { drawId } = status;
    const running = this.#workers.get(drawId);
    this.#workers.delete(drawId);
    let workerError: Error | undefined;
    const packed = await running?.answer.catch((error: Error) => {
      workerError = error;
      return null;
    });
    if (packed) {
      this.#report(drawId, 'worker');
      return unpackDigest(packed);
    }
    this.#report(drawId, 'draw-thread', workerError);
    return digestDraw(this.#store, status, drawn);
  }

  /** Stops every worker (the task is closing, and with it the store they read). */
  async close(): Promise<void> {
    const workers = [...this.#workers.values()];
    this.#workers.clear();
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}
