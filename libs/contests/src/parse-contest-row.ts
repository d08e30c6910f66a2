import { formatCalendarDate, isKnownZone, parseCalendarDate } from './calendar-date';
import {
  type Contest,
  type ContestRow,
  DEFAULT_SITE,
  DEFAULT_TIMEZONE,
  FREQUENCIES,
  type Frequency,
  type Ruleset,
} from './contest';
import { normalizeRuleset } from './normalize-ruleset';

/** What {@link parseContestRow} makes of a row: the contest, or why the row cannot be used. */
export type ParsedContestRow =
  | { ok: true; contest: Contest }
  | {
      ok: false;
      contestId: number;
      /** Names the column at fault, e.g. `end_date 2026-01-01 is before start_date 2026-02-01`. */
      reason: string;
    };

// utm_content becomes a remote file name: a path separator or a control character would escape the folder
// or break the FTP command line.
const UNSAFE_FILE_NAME = /[/\\\p{Cc}]/u;

class RowRejected extends Error {}

/**
 * Checks and normalizes one row of `consumer_pathways_contests`.
 *
 * Never throws for bad data: a row that cannot be used (no `utm_content`, `frequency`, `start_date` or
 * `end_date`; an unknown `ruleset` or IANA `timezone`; `end_date` before `start_date`) comes back as
 * `{ ok: false, contestId, reason }` so the caller reports it and goes on with the other contests.
 * `timezone` and `site` fall back to the table defaults when NULL or blank; `status` 1 is active.
 */
export function parseContestRow(row: ContestRow): ParsedContestRow {
  const contestId = Number(row.consumer_pathways_contest_id);
  try {
    return { ok: true, contest: toContest(row, contestId) };
  } catch (error) {
    if (error instanceof RowRejected) return { ok: false, contestId, reason: error.message };
    throw error;
  }
}

function toContest(row: ContestRow, contestId: number): Contest {
  const utmContent = requireText(row.utm_content, 'utm_content');
  if (UNSAFE_FILE_NAME.test(utmContent)) {
    throw new RowRejected(
      `utm_content ${JSON.stringify(utmContent)} contains a character not allowed in a file name`,
    );
  }
  const frequency = parseFrequency(row.frequency);
  const startDate = parseDateColumn(row.start_date, 'start_date');
  const endDate = parseDateColumn(row.end_date, 'end_date');
  if (endDate < startDate) throw new RowRejected(`end_date ${endDate} is before start_date ${startDate}`);
  const timezone = blankToNull(row.timezone) ?? DEFAULT_TIMEZONE;
  if (!isKnownZone(timezone))
    throw new RowRejected(`timezone ${JSON.stringify(timezone)} is not a known IANA zone`);
  return {
    contestId,
    utmContent,
    name: blankToNull(row.human_readable_name),
    ruleset: parseRuleset(row.ruleset),
    frequency,
    startDate,
    endDate,
    dedupeOnEmail: Number(row.dedupe_on_email ?? 0) === 1,
    // The column is nullable with default 1; only an explicit 1 means active.
    active: Number(row.status ?? 0) === 1,
    timezone,
    site: blankToNull(row.site) ?? DEFAULT_SITE,
    createdAt: toInstant(row.creation_date),
  };
}

function requireText(value: string | null, column: string): string {
  const text = blankToNull(value);
  if (text === null) throw new RowRejected(`${column} is empty`);
  return text;
}

function blankToNull(value: string | null): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

function parseFrequency(value: string | null): Frequency {
  if (value === null || value === undefined) throw new RowRejected('frequency is empty');
  const frequency = FREQUENCIES.find((known) => known === value.trim().toLowerCase());
  if (frequency === undefined)
    throw new RowRejected(`frequency ${JSON.stringify(value)} is not one of ${FREQUENCIES.join(', ')}`);
  return frequency;
}

function parseRuleset(value: string | null): Ruleset | null {
  const text = blankToNull(value);
  if (text === null) return null;
  const ruleset = normalizeRuleset(text);
  if (ruleset === undefined) throw new RowRejected(`ruleset ${JSON.stringify(text)} is not a known ruleset`);
  return ruleset;
}

function parseDateColumn(value: string | Date | null, column: string): string {
  if (value === null || value === undefined) throw new RowRejected(`${column} is empty`);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RowRejected(`${column} is not a valid date`);
    return value.toISOString().slice(0, 10);
  }
  const date = parseCalendarDate(value.trim());
  // MariaDB writes 0000-00-00 for an invalid date in non-strict mode: that is not a usable date either.
  if (date === undefined)
    throw new RowRejected(`${column} ${JSON.stringify(value)} is not a valid YYYY-MM-DD date`);
  return formatCalendarDate(date);
}

function toInstant(value: string | Date | null): string | null {
  if (value === null || value === undefined) return null;
  // A string from the server (`2026-03-08 07:00:00`) is UTC: the pool reads timestamps with timezone 'Z'.
  const date =
    value instanceof Date
      ? value
      : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
