import type { Connection as CoreConnection } from 'mysql2';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';
import { type NewUserDetails, toUserDetails, USER_DETAILS_COLUMNS, type UserDetails } from './user-details';

/** What {@link UserDetailsRepository.insertEntry} did. */
export interface InsertEntryResult {
  /** `false` when a row with the same `entry_id` was already there (nothing was written). */
  inserted: boolean;
  /** Id of the row holding the entry, new or existing. */
  userDetailsId: number;
}

/** Options of {@link UserDetailsRepository.streamEntries}. */
export interface StreamEntriesOptions {
  /**
   * Only the first entry (by `created_at`, then id) of each e-mail address, compared trimmed and without
   * regard to case (the column's collation): the contest's `dedupe_on_email`. Default `false`.
   */
  dedupeOnEmail?: boolean;
  /** Rows buffered before the socket is paused. Default 1000. */
  highWaterMark?: number;
}

const ER_DUP_ENTRY = 1062;

/** Contest entries in `aramis.user_details`. */
export class UserDetailsRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /**
   * Inserts an entry unless one with the same `entryId` exists: the same entry submitted twice is one row.
   * The existing row is left as it was.
   */
  async insertEntry(entry: NewUserDetails): Promise<InsertEntryResult> {
    try {
      const [result] = await this.pool.query<ResultSetHeader>(
        `INSERT INTO user_details
           (utm_content, email, first_name, last_name, phone, site, account_id, entry_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, current_timestamp(3)))`,
        [
          entry.utmContent,
          entry.email,
          entry.firstName ?? null,
          entry.lastName ?? null,
          entry.phone ?? null,
          entry.site ?? '2017',
          entry.accountId ?? null,
          entry.entryId,
          entry.createdAt === undefined ? null : new Date(entry.createdAt),
        ],
      );
      return { inserted: true, userDetailsId: result.insertId };
    } catch (error) {
      // Only the entry_id key can collide (the id is generated): that is the idempotent case, not a failure.
      if ((error as { errno?: number }).errno !== ER_DUP_ENTRY) throw error;
      const [rows] = await this.pool.query<RowDataPacket[]>(
        'SELECT user_details_id FROM user_details WHERE entry_id = ?',
        [entry.entryId],
      );
      if (rows[0] === undefined) throw error;
      return { inserted: false, userDetailsId: Number(rows[0].user_details_id) };
    }
  }

  /**
   * Up to `limit` entries with an id above `watermarkId`, by id: one step of the incremental poll (start at
   * 0, then pass the last id read).
   *
   * Ids are taken at insert but rows become visible at commit, so under concurrent writers a smaller id can
   * appear after a larger one was read; a poller that must see every row re-reads a short window below its
   * watermark and relies on `entryId` to drop what it already has.
   */
  async readAfter(watermarkId: number, limit: number): Promise<UserDetails[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT ${USER_DETAILS_COLUMNS} FROM user_details WHERE user_details_id > ? ORDER BY user_details_id LIMIT ?`,
      [watermarkId, limit],
    );
    return rows.map(toUserDetails);
  }

  /**
   * The entries of contest `utmContent` made in `[from, to)`, by time then id, streamed: rows arrive as the
   * caller consumes them and the socket pauses while it does not, so memory stays flat however many rows
   * there are. The query holds one pooled connection until the iteration ends; leaving the loop early
   * closes that connection instead of returning it half-read.
   */
  async *streamEntries(
    utmContent: string,
    from: Date | string,
    to: Date | string,
    options: StreamEntriesOptions = {},
  ): AsyncGenerator<UserDetails, void, undefined> {
    const range = 'utm_content = ? AND created_at >= ? AND created_at < ?';
    const sql = options.dedupeOnEmail
      ? `SELECT ${USER_DETAILS_COLUMNS} FROM (
           SELECT ${USER_DETAILS_COLUMNS},
                  ROW_NUMBER() OVER (PARTITION BY TRIM(email) ORDER BY created_at, user_details_id) AS nth
           FROM user_details WHERE ${range}) AS entries
         WHERE nth = 1 ORDER BY created_at, user_details_id`
      : `SELECT ${USER_DETAILS_COLUMNS} FROM user_details WHERE ${range} ORDER BY created_at, user_details_id`;
    const connection = await this.pool.getConnection();
    let complete = false;
    try {
      // The promise wrapper has no streaming query: use the callback connection underneath (typed loosely).
      const core = connection.connection as unknown as CoreConnection;
      const rows = core
        .query({ sql, values: [utmContent, new Date(from), new Date(to)] })
        .stream({ highWaterMark: options.highWaterMark ?? 1000 });
      for await (const row of rows) yield toUserDetails(row as RowDataPacket);
      complete = true;
    } finally {
      if (complete) connection.release();
      else connection.destroy();
    }
  }
}
