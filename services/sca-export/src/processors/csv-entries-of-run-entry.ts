import { type ContestEntry, DecodeError, decodeEventData, type RunEntry } from '@prizedraw/events';
import type { CsvEntry } from './entries-csv';

/**
 * The rows a run entry of draw `drawId` gives the SCA file: one per contest entry it carries, in order.
 * The wallet writes run entries in binary mode with JSON data (registry-framed when a schema registry is
 * configured), validated against the schema on the way in; parsing the data alone keeps a million-entry
 * export within seconds (full CloudEvent validation costs five times as much).
 *
 * @throws DecodeError when the value is not a run entry of `drawId`.
 */
export function csvEntriesOfRunEntry(value: Buffer | string | null, drawId: string): CsvEntry[] {
  const data = (value === null ? null : decodeEventData(value)) as Partial<RunEntry> | null;
  if (data?.drawId !== drawId) throw new DecodeError(`not a binary-mode run entry of draw ${drawId}`);
  return (data.entries ?? []).map(csvEntryOf);
}

function csvEntryOf(entry: ContestEntry): CsvEntry {
  return { ...entry, createdAt: entry.enteredAt };
}
