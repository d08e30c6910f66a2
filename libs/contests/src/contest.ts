/** The draw cadences of `consumer_pathways_contests.frequency`. */
export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'annually'] as const;

/** How often a contest is drawn. `annually` runs October 1 to September 30, as the table's column comment says. */
export type Frequency = (typeof FREQUENCIES)[number];

/** The rulesets in their one canonical spelling (the table also holds the legacy unhyphenated ones). */
export const RULESETS = ['gift-card', 'brand-v-brand', 'big-cash', 'daily-sweeps'] as const;

/** A contest's ruleset, canonical spelling. */
export type Ruleset = (typeof RULESETS)[number];

/** `timezone` when the row has none: the column default of the production table. */
export const DEFAULT_TIMEZONE = 'America/New_York';

/** `site` when the row has none: the column default of the production table. */
export const DEFAULT_SITE = '2017';

/**
 * One row of `aramis.consumer_pathways_contests`, column for column as the production table defines it
 * (seed document 000), as mysql2 returns it.
 *
 * `start_date`/`end_date` are `DATE` columns: read them as `'YYYY-MM-DD'` strings (mysql2 `dateStrings`); a
 * `Date` is accepted too and read by its UTC calendar date (mysql2 with `timezone: 'Z'`).
 */
export interface ContestRow {
  consumer_pathways_contest_id: number;
  utm_content: string | null;
  human_readable_name: string | null;
  ruleset: string | null;
  frequency: string | null;
  start_date: string | Date | null;
  dedupe_on_email: number | boolean | null;
  creation_date: string | Date | null;
  end_date: string | Date | null;
  status: number | boolean | null;
  timezone: string | null;
  site: string | null;
}

/**
 * A contest that can be drawn: every field checked and normalized by `parseContestRow`.
 *
 * `startDate` and `endDate` are calendar dates (`YYYY-MM-DD`) in `timezone`; both days belong to the contest.
 */
export interface Contest {
  contestId: number;
  /** The marketing-link value that identifies the contest; entries carry it, file names start with it. */
  utmContent: string;
  name: string | null;
  /** Canonical spelling; `null` when the row has none. */
  ruleset: Ruleset | null;
  frequency: Frequency;
  startDate: string;
  endDate: string;
  /** One entry per normalized e-mail per period. */
  dedupeOnEmail: boolean;
  /** `status` 1. Inactive contests parse fine; the scheduler skips them. */
  active: boolean;
  /** IANA time zone the periods are computed in. */
  timezone: string;
  site: string;
  /** `creation_date` as an ISO instant, or `null` when absent. */
  createdAt: string | null;
}
