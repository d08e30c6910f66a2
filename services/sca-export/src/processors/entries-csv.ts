/**
 * The SCA entries file, one CSV row per entry (RFC 4180), UTF-8 without BOM, CRLF after every row including
 * the last, a header row first. Columns, in order:
 *
 * | column      | content |
 * |-------------|---------|
 * | entry_id    | the entry's idempotency key (`user_details.entry_id`) |
 * | utm_content | the contest entered |
 * | email       | as submitted |
 * | first_name  | may be empty |
 * | last_name   | may be empty |
 * | phone       | may be empty |
 * | site        | site the entry came from |
 * | account_id  | customer account; empty when the entrant was not logged in |
 * | entered_at  | when the entry was made, ISO-8601 UTC (`2026-03-08T14:03:07.123Z`) |
 *
 * A field holding a comma, a double quote, CR or LF is enclosed in double quotes, its quotes doubled. A field
 * that a spreadsheet would run as a formula gets a leading `'`, so opening the file in a spreadsheet never
 * executes entrant-supplied text: a field whose first character is `=`, `@`, tab or CR, and one whose first
 * character is `+` or `-` unless it is a phone number or a number (see {@link isPhoneOrNumber}). Every other
 * field, `+44 20 7946 0958` and `-12.5` included, is written exactly as submitted.
 */

/** The header row's column names, in file order. */
export const ENTRY_CSV_COLUMNS = [
  'entry_id',
  'utm_content',
  'email',
  'first_name',
  'last_name',
  'phone',
  'site',
  'account_id',
  'entered_at',
] as const;

/** What one CSV row is made of; a `UserDetails` row of `@prizedraw/compliance-db` fits as it is. */
export interface CsvEntry {
  entryId: string;
  utmContent: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  site?: string | null;
  accountId?: string | null;
  /** When the entry was made. */
  createdAt: Date | string;
}

/** Row terminator (RFC 4180: CRLF). */
export const CSV_EOL = '\r\n';

// One test per field finds both cases that may need work (a formula start, a character that needs quotes);
// most fields have neither and are returned as they are. This runs for every field of every row.
const NEEDS_WORK = /^[=+\-@\t\r]|[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
// Digits, spaces, hyphens, dots and parentheses name no function, no cell and no other sheet or program, so
// a spreadsheet can at worst do arithmetic with them: nothing to neutralize, and SCA gets the number intact.
const PHONE_OR_NUMBER = /^[+-][\d ().-]*\d[\d ().-]*$/;

/**
 * Whether a field starting with `+` or `-` is a phone number or a number, and so written without the formula
 * guard: the sign followed only by digits, spaces, `-`, `.`, `(` and `)`, with at least one digit
 * (`+44 20 7946 0958`, `+44 (0)20 7946 0958`, `+1-555-0100`, `-12.5`, `+7`). Anything else after the sign
 * (a letter, `+`, `*`, `/`, `,`, `e` of an exponent, `|`, `!`, a tab) makes it a possible formula.
 */
function isPhoneOrNumber(value: string): boolean {
  return PHONE_OR_NUMBER.test(value);
}

function isFormula(value: string): boolean {
  if (!FORMULA_START.test(value)) return false;
  const first = value[0];
  return !((first === '+' || first === '-') && isPhoneOrNumber(value));
}

/** One field: formula-neutralized, then quoted if it must be. `null`/`undefined` is the empty field. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (!NEEDS_WORK.test(value)) return value;
  const safe = isFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The header row, CRLF-terminated. */
export function entryCsvHeader(): string {
  return ENTRY_CSV_COLUMNS.join(',') + CSV_EOL;
}

/** The row of one entry, CRLF-terminated. */
export function entryCsvRow(entry: CsvEntry): string {
  const enteredAt = entry.createdAt instanceof Date ? entry.createdAt.toISOString() : entry.createdAt;
  // Plain concatenation: a million rows per export, and map/join costs twice as much.
  return (
    `${csvField(entry.entryId)},${csvField(entry.utmContent)},${csvField(entry.email)},` +
    `${csvField(entry.firstName)},${csvField(entry.lastName)},${csvField(entry.phone)},` +
    `${csvField(entry.site)},${csvField(entry.accountId)},${csvField(enteredAt)}${CSV_EOL}`
  );
}
