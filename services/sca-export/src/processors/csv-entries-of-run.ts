import {
  type ContestEntry,
  DecodeError,
  decodeEventData,
  PIPELINE_EVENT_TYPES,
  type RunChunk,
  type RunChunkEntry,
  type RunEntry,
} from '@prizedraw/events';
import type { CsvEntry } from './entries-csv';

/** The ce_type of the run records that carry contest entries: chunks, and single entries of older wallets. */
export const RUN_RECORD_TYPES: ReadonlySet<string> = new Set([
  PIPELINE_EVENT_TYPES.runChunk,
  PIPELINE_EVENT_TYPES.runEntry,
]);

/** What one run record gives the SCA file. */
export interface RunRows {
  /** Run entries (customers) it carries, excluded ones too: what its run-end counts. */
  readonly entries: number;
  /** One per contest entry of the customers not excluded, in order. */
  readonly rows: CsvEntry[];
}

/**
 * The rows a run record (`type`, one of {@link RUN_RECORD_TYPES}) of draw `drawId` gives the SCA file, and how
 * many run entries it carries. A row per contest entry, in order, except those of customers the run marks
 * excluded (a regulated operator may not enter them into a contest; docs/sca-contests.md). The wallet writes
 * runs in binary mode with JSON data (registry-framed when a schema registry is configured), validated
 * against the schema on the way in; parsing the data alone keeps a million-entry export within seconds (full
 * CloudEvent validation costs five times as much).
 *
 * @throws DecodeError when the value is not a run record of `drawId`.
 */
export function csvEntriesOfRun(type: string, value: Buffer | string | null, drawId: string): RunRows {
  const data = (value === null ? null : decodeEventData(value)) as Partial<RunChunk & RunEntry> | null;
  if (data?.drawId !== drawId) throw new DecodeError(`not a binary-mode run record of draw ${drawId}`);
  if (type === PIPELINE_EVENT_TYPES.runEntry) return { entries: 1, rows: rowsOf(data as RunChunkEntry) };
  if (!Array.isArray(data.entries)) throw new DecodeError(`run chunk of draw ${drawId} without entries`);
  const entries = data.entries as RunChunkEntry[];
  return { entries: entries.length, rows: entries.flatMap(rowsOf) };
}

function rowsOf({ entries, excluded }: Partial<RunChunkEntry>): CsvEntry[] {
  return excluded === true ? [] : (entries ?? []).map(csvEntryOf);
}

function csvEntryOf(entry: ContestEntry): CsvEntry {
  return { ...entry, createdAt: entry.enteredAt };
}
