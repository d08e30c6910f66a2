/**
 * The timeline is how a value carries the time of every hop it passed: the CloudEvent extension attribute
 * `timeline`, on Kafka the header `ce_timeline`, text `<stage>@<epoch-ms>` joined by commas:
 * `occurred@1732240000000,ingestion.in@1732240000100,ingestion.out@1732240000105`.
 * The format is fixed: libs/stream and the latency metrics read it.
 */

/** Kafka header carrying the timeline (`ce_` + the extension attribute name `timeline`). */
export const TIMELINE_HEADER = 'ce_timeline';

/** CloudEvent extension attribute carrying the timeline. */
export const TIMELINE_ATTRIBUTE = 'timeline';

/** One hop's time: the stage (`ingestion.in`) and when, in epoch milliseconds. */
export type Stamp = { stage: string; at: number };

/** A stage name: lowercase letters, digits, `.` and `-`. */
export const STAGE_PATTERN = /^[a-z0-9.-]+$/;

/**
 * Reads a timeline. Tolerant, because it comes from other processes: malformed stamps are skipped rather
 * than failing the record, and an empty or missing text gives no stamps.
 */
export function parseTimeline(text: string | undefined): Stamp[] {
  const stamps: Stamp[] = [];
  if (!text) return stamps;
  // Scanned by hand rather than split + regex: this runs for every record of every hop.
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf(',', from);
    if (to === -1) to = text.length;
    const stamp = readStamp(text, from, to);
    if (stamp !== undefined) stamps.push(stamp);
    from = to + 1;
  }
  return stamps;
}

/**
 * The first and the last well-formed stamp of a timeline, without reading the ones between: what the
 * latency metrics need from every record consumed. Undefined when the timeline has no well-formed stamp.
 */
export function timelineEnds(text: string | undefined): { first: Stamp; last: Stamp } | undefined {
  if (!text) return undefined;
  let first: Stamp | undefined;
  for (let from = 0; first === undefined && from <= text.length; ) {
    let to = text.indexOf(',', from);
    if (to === -1) to = text.length;
    first = readStamp(text, from, to);
    from = to + 1;
  }
  if (first === undefined) return undefined;
  let last: Stamp | undefined;
  for (let to = text.length; last === undefined && to > 0; ) {
    const from = text.lastIndexOf(',', to - 1) + 1;
    last = readStamp(text, from, to);
    to = from - 1;
  }
  return { first, last: last ?? first };
}

const MAX_DIGITS = 16; // epoch milliseconds stay below 2^53 for the next 285,000 years

function isStageChar(code: number): boolean {
  // a-z, 0-9, '.', '-'
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 46 || code === 45;
}

/** Whether `stage` matches {@link STAGE_PATTERN}; a loop, as in readStamp: it runs for every stamp written. */
function isStage(stage: string): boolean {
  if (typeof stage !== 'string' || stage.length === 0) return false;
  for (let i = 0; i < stage.length; i++) if (!isStageChar(stage.charCodeAt(i))) return false;
  return true;
}

/** The stamp in `text[from, to)`, surrounding whitespace ignored; undefined when malformed. */
function readStamp(text: string, from: number, to: number): Stamp | undefined {
  while (from < to && text.charCodeAt(from) <= 32) from++;
  while (to > from && text.charCodeAt(to - 1) <= 32) to--;
  const at = text.lastIndexOf('@', to - 1);
  if (at <= from || at >= to - 1 || to - at - 1 > MAX_DIGITS) return undefined;
  for (let i = from; i < at; i++) if (!isStageChar(text.charCodeAt(i))) return undefined;
  let ms = 0;
  for (let i = at + 1; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    ms = ms * 10 + digit;
  }
  return { stage: text.slice(from, at), at: ms };
}

/** Throws a RangeError naming the stage or time when a stamp could not be written in the fixed format. */
export function checkStamp({ stage, at }: Stamp): void {
  if (!isStage(stage)) {
    throw new RangeError(`stage must match [a-z0-9.-]+, got ${JSON.stringify(stage)}`);
  }
  if (!Number.isSafeInteger(at) || at < 0) {
    throw new RangeError(`stamp time must be epoch milliseconds (a non-negative integer), got ${at}`);
  }
}

/**
 * Writes a timeline. Strict, because it is ours: a stamp that would not read back throws a RangeError.
 */
export function formatTimeline(stamps: readonly Stamp[]): string {
  if (isLastWritten(stamps)) return lastWritten.text;
  let text = '';
  for (const stamp of stamps) {
    checkStamp(stamp);
    text += text === '' ? `${stamp.stage}@${stamp.at}` : `,${stamp.stage}@${stamp.at}`;
  }
  const { stages, ats } = lastWritten;
  stages.length = ats.length = stamps.length;
  for (let i = 0; i < stamps.length; i++) {
    stages[i] = stamps[i]!.stage;
    ats[i] = stamps[i]!.at;
  }
  lastWritten.text = text;
  return text;
}

// The last timeline written, by value (copied into reused arrays: a caller may change its stamps later).
// A draw's results all carry the timeline of the event that completed it, stamped within the same
// millisecond by the dozen: each such result takes the text already made and checked instead of formatting
// every stamp and its number again. Another timeline costs a compare or two.
const lastWritten = { stages: [] as string[], ats: [] as number[], text: '' };

function isLastWritten(stamps: readonly Stamp[]): boolean {
  const { stages, ats } = lastWritten;
  if (stamps.length !== ats.length || stamps.length === 0) return false;
  for (let i = stamps.length - 1; i >= 0; i--) {
    if (stamps[i]!.at !== ats[i] || stamps[i]!.stage !== stages[i]) return false;
  }
  return true;
}

// Both return NaN without stamps rather than undefined: callers observe them straight into metrics after
// checking for an empty timeline, and NaN cannot be mistaken for a real latency of 0.

/** Milliseconds from the first stamp (usually `occurred`) to `now`; NaN when there are no stamps. */
export function endToEndLatencyMs(stamps: readonly Stamp[], now: number = Date.now()): number {
  const first = stamps[0];
  return first === undefined ? Number.NaN : now - first.at;
}

/** Milliseconds from the last stamp (the previous hop's output) to `now`; NaN when there are no stamps. */
export function hopLatencyMs(stamps: readonly Stamp[], now: number = Date.now()): number {
  const last = stamps[stamps.length - 1];
  return last === undefined ? Number.NaN : now - last.at;
}
