import type { DrawRecord } from '../schemas/draw-record';
import type { DrawResult } from '../schemas/draw-result';
import type { RecordEntry } from './entries-merkle-tree';

/**
 * A draw record as one JSON file: the record's fields with its entry list joined in as `entries`, laid out so
 * that tools/verify-draw.mjs reads it line by line (a million entries in little memory): the fields and
 * `"entries":[` on the first line, then one entry per line (a comma after all but the last), then `]}`.
 * `prizedraw verify --save` writes it as record.json, sca-export beside the SCA pair in S3.
 */
export function drawRecordFileHead(record: DrawRecord): string {
  return `${JSON.stringify({ ...record, entries: [] }).slice(0, -2)}\n`;
}

/**
 * One entry's line of a draw record file; the last entry has no comma. (`--save`'s results.json lists its
 * results the same way.)
 */
export function drawRecordFileLine(member: RecordEntry | DrawResult, last: boolean): string {
  return `${JSON.stringify(member)}${last ? '' : ','}\n`;
}

/** The line that closes a draw record file. */
export const DRAW_RECORD_FILE_END = ']}\n';
