import type { RowDataPacket } from 'mysql2/promise';
import { sqlInstantToIso } from './sql-instant';

/** One contest entry, a row of `aramis.user_details`. Instants are ISO-8601 UTC strings. */
export interface UserDetails {
  /** Auto-increment id: the watermark of the incremental poll. */
  userDetailsId: number;
  utmContent: string;
  /** As submitted; normalize (trim, lower-case) before comparing. */
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  site: string;
  accountId: string | null;
  /** Idempotency key (`prizedraw.entry.v1` `entryId`). */
  entryId: string;
  /** When the entry was made (`created_at`). */
  createdAt: string;
}

/** An entry to insert: {@link UserDetails} without the id; optional columns take their table defaults. */
export interface NewUserDetails {
  entryId: string;
  utmContent: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  /** Default `'2017'`. */
  site?: string;
  accountId?: string | null;
  /** Default: now (the server's `current_timestamp(3)`). */
  createdAt?: Date | string;
}

/** Columns read for a {@link UserDetails}, in the order of the table. */
export const USER_DETAILS_COLUMNS =
  'user_details_id, utm_content, email, first_name, last_name, phone, site, account_id, entry_id, created_at';

/** A `user_details` row as the pool of `createPool` returns it. */
export function toUserDetails(row: RowDataPacket): UserDetails {
  return {
    userDetailsId: Number(row.user_details_id),
    utmContent: row.utm_content,
    email: row.email,
    firstName: row.first_name ?? null,
    lastName: row.last_name ?? null,
    phone: row.phone ?? null,
    site: row.site,
    accountId: row.account_id ?? null,
    entryId: row.entry_id,
    createdAt: sqlInstantToIso(row.created_at),
  };
}
