import type { DrawRecord, DrawResult, RecordEntry } from '@prizedraw/events';

/**
 * A draw as published: its record, the record's entry list (chunks joined in order) and its results. The
 * same shape, as JSON, is what tools/verify-draw.mjs reads: `record.json` is the record with `entries`,
 * `results.json` the list of results.
 */
export interface PublishedDraw {
  record: DrawRecord;
  entries: RecordEntry[];
  results: DrawResult[];
}
