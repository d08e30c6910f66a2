import type { EventData, EventType } from '@prizedraw/events';
import type { Connection, ResultSetHeader } from 'mysql2/promise';

/**
 * Writes the event of `type` into the outbox (`iw_outbox`, relayed by `@prizedraw/service`'s
 * `startOutboxRelay`) on `connection`, inside the caller's transaction: the event exists exactly when what it
 * reports was committed.
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
