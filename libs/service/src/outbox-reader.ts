import type { EventType } from '@prizedraw/events';

/**
 * The part of a mysql2 connection the outbox relay uses. Structural, so this library needs no database
 * driver: the services that keep an outbox hand in their own pool.
 */
export interface OutboxConnection {
  query(sql: string, values?: unknown): Promise<[unknown, unknown]>;
  destroy(): void;
}

/** A pool the relay takes its one connection from (a mysql2 `Pool`). */
export interface OutboxPool {
  getConnection(): Promise<OutboxConnection>;
}

/** An outbox row not yet marked sent: one event to publish. */
export interface OutboxRow {
  /** The row id, also the event's CloudEvent id. */
  readonly id: string;
  readonly type: EventType;
  readonly key: string;
  readonly data: unknown;
  /** ISO-8601. */
  readonly occurredAt: string;
}

interface RowShape {
  id: number | string;
  event_type: string;
  record_key: string;
  data: string;
  occurred_at: Date | string;
}

// A pool reads DATETIME as a Date, or (the compliance database's default) as UTC text `2026-03-08 12:00:00.123`.
const instantOf = (value: Date | string): Date =>
  value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);

/**
 * The relay's view of an outbox table, on the connection that holds its lock. Every outbox has the same
 * columns (id, event_type, record_key, data, occurred_at, sent_at; `iw_outbox`, `msq_outbox`); the table
 * name comes from the service's code, never from input.
 */
export class OutboxReader {
  constructor(
    private readonly connection: OutboxConnection,
    private readonly table: string,
  ) {}

  /** Up to `limit` unsent rows, oldest first. */
  async unsent(limit: number): Promise<OutboxRow[]> {
    const [rows] = (await this.connection.query(
      `SELECT id, event_type, record_key, data, occurred_at FROM ${this.table} WHERE sent_at IS NULL ORDER BY id LIMIT ?`,
      [limit],
    )) as [RowShape[], unknown];
    return rows.map((row) => ({
      id: String(row.id),
      type: row.event_type as EventType,
      key: String(row.record_key),
      data: JSON.parse(String(row.data)),
      occurredAt: instantOf(row.occurred_at).toISOString(),
    }));
  }

  /** The ids of every unsent row, and when the oldest of them was written. */
  async unsentIds(): Promise<{ ids: string[]; oldest: Date | undefined }> {
    const [rows] = (await this.connection.query(
      `SELECT id, occurred_at FROM ${this.table} WHERE sent_at IS NULL ORDER BY occurred_at`,
    )) as [RowShape[], unknown];
    return { ids: rows.map((row) => String(row.id)), oldest: rows[0] && instantOf(rows[0].occurred_at) };
  }

  /** Marks rows published. */
  async markSent(ids: readonly string[], sentAt: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.connection.query(`UPDATE ${this.table} SET sent_at = ? WHERE id IN (?) AND sent_at IS NULL`, [
      sentAt,
      ids,
    ]);
  }

  /** Deletes up to 10,000 rows sent before `sentBefore`: the outbox keeps what is pending, not history. */
  async purgeSent(sentBefore: Date): Promise<number> {
    const [result] = (await this.connection.query(
      `DELETE FROM ${this.table} WHERE sent_at < ? ORDER BY sent_at LIMIT 10000`,
      [sentBefore],
    )) as [{ affectedRows: number }, unknown];
    return result.affectedRows;
  }

  /**
   * Takes the relay's lock (MariaDB's GET_LOCK on this connection's session), without waiting: true when this
   * process now relays. The lock ends with the session, so a relay whose connection died loses it.
   */
  async tryLock(name: string): Promise<boolean> {
    const [rows] = (await this.connection.query('SELECT GET_LOCK(?, 0) AS got', [name])) as [
      { got: number | null }[],
      unknown,
    ];
    return rows[0]?.got === 1;
  }
}
