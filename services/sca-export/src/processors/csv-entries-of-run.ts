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

/**
 * The rows a run record (`type`, one of {@link RUN_RECORD_TYPES}) of draw `drawId` gives the SCA file: one
 * per contest entry it carries, in order, except those of customers the run marks excluded (a regulated
 * operator may not enter them into a contest; docs/sca-contests.md). The wallet writes runs in binary mode
 * with JSON data (registry-framed when a schema registry is configured), validated against the schema on
 * the way in; parsing the data alone keeps a million-entry export within seconds (full CloudEvent
 * validation costs five times as much).
 *
 * @throws DecodeError when the value is not a run record of `drawId`.
 */
export function csvEntriesOfRun(type: string, value: Buffer | string | null, drawId: string): CsvEntry[] {
  const data = (value === null ? null : decodeEventData(value)) as Partial<RunChunk & RunEntry> | null;
  if (data?.drawId !== drawId) throw new DecodeError(`not a binary-mode run record of draw ${drawId}`);
  if (type === PIPELINE_EVENT_TYPES.runEntry) return rowsOf(data as RunChunkEntry);
  if (!Array.isArray(data.entries)) throw new DecodeError(`run chunk of draw ${drawId} without entries`);
  return (data.entries as RunChunkEntry[]).flatMap(rowsOf);
}

function rowsOf({ entries, excluded }: Partial<RunChunkEntry>): CsvEntry[] {
  return excluded === true ? [] : (entries ?? []).map(csvEntryOf);
}

function csvEntryOf(entry: ContestEntry): CsvEntry {
  return { ...entry, createdAt: entry.enteredAt };
}
