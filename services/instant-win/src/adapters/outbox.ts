import type { EventData, EventType } from '@prizedraw/events';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

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

/**
 * Writes the event of `type` into the outbox on `connection`, inside the caller's transaction: the event
 * exists exactly when what it reports was committed.
 */
export async function insertOutbox<T extends EventType>(
  connection: Connection,
  type: T,
  key: string,
  data: EventData<T>,
  occurredAt: Date,
): Promise<void> {
  await connection.execute<ResultSetHeader>(
    'INSERT INTO iw_outbox (event_type, record_key, data, occurred_at) VALUES (?, ?, ?, ?)',
    [type, key, JSON.stringify(data), occurredAt],
  );
}

/** The relay's view of the outbox, on the connection that holds its lock. */
export class OutboxReader {
  constructor(private readonly connection: Connection) {}

  /** Up to `limit` unsent rows, oldest first. */
  async unsent(limit: number): Promise<OutboxRow[]> {
    const [rows] = await this.connection.query<RowDataPacket[]>(
      'SELECT id, event_type, record_key, data, occurred_at FROM iw_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?',
      [limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      type: row.event_type as EventType,
      key: String(row.record_key),
      data: JSON.parse(String(row.data)),
      occurredAt: (row.occurred_at as Date).toISOString(),
    }));
  }

  /** The ids of every unsent row, and when the oldest of them was written. */
  async unsentIds(): Promise<{ ids: string[]; oldest: Date | undefined }> {
    const [rows] = await this.connection.query<RowDataPacket[]>(
      'SELECT id, occurred_at FROM iw_outbox WHERE sent_at IS NULL ORDER BY occurred_at',
    );
    return { ids: rows.map((row) => String(row.id)), oldest: rows[0]?.occurred_at as Date | undefined };
  }

  /** Marks rows published. */
  async markSent(ids: readonly string[], sentAt: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.connection.query('UPDATE iw_outbox SET sent_at = ? WHERE id IN (?) AND sent_at IS NULL', [
      sentAt,
      ids,
    ]);
  }

  /** Deletes up to 10,000 rows sent before `sentBefore`: the outbox keeps what is pending, not history. */
  async purgeSent(sentBefore: Date): Promise<number> {
    const [result] = await this.connection.query<ResultSetHeader>(
      'DELETE FROM iw_outbox WHERE sent_at < ? ORDER BY sent_at LIMIT 10000',
      [sentBefore],
    );
    return result.affectedRows;
  }

  /**
   * Takes the relay's lock (MariaDB's GET_LOCK on this connection's session), without waiting: true when this
   * process now relays. The lock ends with the session, so a relay whose connection died loses it.
   */
  async tryLock(name: string): Promise<boolean> {
    const [rows] = await this.connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS got', [name]);
    return rows[0]?.got === 1;
  }
}
