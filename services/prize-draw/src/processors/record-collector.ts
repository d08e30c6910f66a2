import { createHash, type Hash } from 'node:crypto';
import { type RecordEntry, resultLine, sortEntries } from '@prizedraw/events';
import type { DrawResultData } from './draw-result-of';
import type { MergedEntry } from './merged-runs';

const HASHED_CHARS = 64 * 1024;

/** What a draw record takes from the entrants in rank order. */
export interface CollectedEntries {
  /** Every entrant once, in leaf order (ascending UTF-8 bytes of the account id). */
  entries: RecordEntry[];
  /** The entrants excluded at draw time, in rank order. */
  excluded: string[];
  /** sha256 over the results' canonical lines in rank order (of none, for a draw without results). */
  resultsHash: string;
}

/**
 * Gathers a draw record's entry list, exclusions and results hash from each entrant's first entry in rank
 * order, with the result they were sent. Fed by the emission as it sends the results, so the record needs
 * no second walk of the merged runs (that walk took a third of a million-entrant draw).
 * Memory: one entry object per entrant.
 */
export class RecordCollector {
  readonly #entries: RecordEntry[] = [];
  readonly #excluded: string[] = [];
  readonly #results: Hash = createHash('sha256');
  #lines = '';

  add(entry: MergedEntry, result: DrawResultData | undefined): void {
    this.#entries.push({ accountId: entry.customerId, tickets: entry.tickets });
    if (entry.excluded) this.#excluded.push(entry.customerId);
    if (result === undefined) return;
    this.#lines += resultLine(result);
    // Hashed some 64 KB (a few hundred lines) at a time: the same digest as line by line, in fewer calls.
    if (this.#lines.length >= HASHED_CHARS) {
      this.#results.update(this.#lines);
      this.#lines = '';
    }
  }

  /** The collected entries; the collector is spent. */
  finish(): CollectedEntries {
    this.#results.update(this.#lines);
    return {
      entries: sortEntries(this.#entries),
      excluded: this.#excluded,
      resultsHash: this.#results.digest('hex'),
    };
  }
}

/**
 * The record collectors of the draws a task is emitting, each good only if it saw every entry the
 * committed emission walked. The emission walks in slices, one transaction each; a collector remembers the
 * rank its last slice ended at, and goes on only from a stored progress at that rank. A slice that failed,
 * or whose transaction aborted, leaves the stored rank behind the collector's: the collector is dropped and
 * the record walks the merged runs itself at completion (as after a restart, when there is none).
 */
export class EmissionRecords {
  readonly #byDraw = new Map<string, { collector: RecordCollector; reached: number }>();

  /** The collector for a slice starting at `rank` (a new one at 0), or undefined when it missed entries. */
  beginSlice(drawId: string, rank: number): RecordCollector | undefined {
    const kept = this.#byDraw.get(drawId);
    this.#byDraw.delete(drawId);
    if (rank === 0) return new RecordCollector();
    return kept?.reached === rank ? kept.collector : undefined;
  }

  /** Keeps `collector` after a slice that ended at `rank`. */
  endSlice(drawId: string, collector: RecordCollector, rank: number): void {
    this.#byDraw.set(drawId, { collector, reached: rank });
  }

  /** The collector that saw the whole emission, which ended at `rank`, if there is one; forgotten here. */
  take(drawId: string, rank: number): RecordCollector | undefined {
    const kept = this.#byDraw.get(drawId);
    this.#byDraw.delete(drawId);
    return kept?.reached === rank ? kept.collector : undefined;
  }
}
