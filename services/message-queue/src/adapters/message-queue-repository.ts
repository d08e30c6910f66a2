import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import { type CustomerMessage, EVENT_TYPES, type EventData, type MessageDelete } from '@prizedraw/events';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** A queued message with its place in the customer's queue. */
export interface QueuedMessage {
  readonly seq: number;
  readonly message: CustomerMessage;
}

/** A customer due for redelivery, claimed at `generation`. */
export interface Wakeup {
  readonly customerId: string;
  readonly generation: number;
  readonly attempts: number;
}

// DATETIME(3) as MariaDB reads it in a UTC session: `2026-03-08 12:00:00.123`.
const sqlTime = (instant: Date | string) => new Date(instant).toISOString().slice(0, 23).replace('T', ' ');

/** The message queue's tables (msq_*): queued messages, remembered delete instructions, due wakeups. */
export class MessageQueueRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /**
   * Queues `message` once: a second copy of its messageId changes nothing. A message a delete instruction
   * already named is removed again at once (the instruction came first). Answers whether it is queued now.
   */
  async enqueue(message: CustomerMessage, now: Date): Promise<'queued' | 'repeat' | 'deleted'> {
    const [inserted] = await this.pool.execute<ResultSetHeader>(
      `INSERT IGNORE INTO msq_messages (message_id, customer_id, source_id, expires_at, queued_at, message)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        message.messageId,
        message.customerId,
        message.source.id,
        sqlTime(message.expiresAt),
        sqlTime(now),
        JSON.stringify(message),
      ],
    );
    // After the insert, not before: a delete instruction stored meanwhile is seen by one of the two checks.
    const [removed] = await this.pool.execute<ResultSetHeader>(
      `DELETE FROM msq_messages WHERE message_id = ? AND EXISTS (
         SELECT 1 FROM msq_deletes d WHERE d.customer_id = ?
           AND ((d.ref_kind = 'message' AND d.ref_id = ?) OR (d.ref_kind = 'source' AND d.ref_id = ?)))`,
      [message.messageId, message.customerId, message.messageId, message.source.id],
    );
    if (removed.affectedRows > 0) return 'deleted';
    return inserted.affectedRows > 0 ? 'queued' : 'repeat';
  }

  /** Applies a delete instruction (and remembers it for messages still on their way); answers how many went. */
  async delete(instruction: MessageDelete, now: Date): Promise<number> {
    const refs: ['message' | 'source', string][] = [];
    if (instruction.messageId !== undefined) refs.push(['message', instruction.messageId]);
    if (instruction.sourceId !== undefined) refs.push(['source', instruction.sourceId]);
    let removed = 0;
    for (const [kind, id] of refs) {
      await this.pool.execute(
        `INSERT INTO msq_deletes (customer_id, ref_kind, ref_id, deleted_at) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE deleted_at = VALUES(deleted_at)`,
        [instruction.customerId, kind, id, sqlTime(now)],
      );
      const [result] = await this.pool.execute<ResultSetHeader>(
        `DELETE FROM msq_messages WHERE customer_id = ? AND ${kind === 'message' ? 'message_id' : 'source_id'} = ?`,
        [instruction.customerId, id],
      );
      removed += result.affectedRows;
    }
    return removed;
  }

  /** The customer came online: due for redelivery now, if anything is queued for them. */
  async wake(customerId: string, now: Date): Promise<boolean> {
    const [result] = await this.pool.execute<ResultSetHeader>(
      `INSERT INTO msq_wakeups (customer_id, due_at)
       SELECT ?, ? FROM DUAL WHERE EXISTS (SELECT 1 FROM msq_messages WHERE customer_id = ?)
       ON DUPLICATE KEY UPDATE due_at = VALUES(due_at), generation = generation + 1, attempts = 0`,
      [customerId, sqlTime(now), customerId],
    );
    return result.affectedRows > 0;
  }

  /**
   * Claims up to `limit` due wakeups for `leaseMs` (another instance skips them meanwhile; after a crash
   * they fall due again when the lease ends).
   */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<Wakeup[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT customer_id, generation, attempts FROM msq_wakeups WHERE due_at <= ? ORDER BY due_at LIMIT ?',
      [sqlTime(now), limit],
    );
    const claimed: Wakeup[] = [];
    for (const row of rows) {
      const [result] = await this.pool.execute<ResultSetHeader>(
        'UPDATE msq_wakeups SET due_at = ? WHERE customer_id = ? AND generation = ? AND due_at <= ?',
        [sqlTime(new Date(now.getTime() + leaseMs)), row.customer_id, row.generation, sqlTime(now)],
      );
      if (result.affectedRows === 1)
        claimed.push({
          customerId: row.customer_id,
          generation: Number(row.generation),
          attempts: row.attempts,
        });
    }
    return claimed;
  }

  /** The customer's unexpired messages in arrival order. */
  async queued(customerId: string, now: Date, limit: number): Promise<QueuedMessage[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT seq, message FROM msq_messages WHERE customer_id = ? AND expires_at > ? ORDER BY seq LIMIT ?',
      [customerId, sqlTime(now), limit],
    );
    return rows.map((row) => ({ seq: Number(row.seq), message: JSON.parse(row.message) as CustomerMessage }));
  }

  /** Removes a message the gateway will never take (it answered 400). */
  async remove(seq: number): Promise<void> {
    await this.pool.execute('DELETE FROM msq_messages WHERE seq = ?', [seq]);
  }

  /**
   * The gateway delivered the message at `deliveredAt`: its row goes and, in the same transaction, its
   * delivered event goes into msq_outbox, only if this removed the row. A message delivered again (a crash
   * before this committed, or two instances racing) therefore has one event, with the time of the delivery
   * whose removal committed.
   */
  async delivered(queued: QueuedMessage, deliveredAt: Date): Promise<void> {
    const { message } = queued;
    const data: EventData<typeof EVENT_TYPES.customerMessageDelivered> = {
      ...message,
      deliveredAt: deliveredAt.toISOString(),
    };
    const connection = await this.pool.getConnection();
    try {
      await connection.beginTransaction();
      const [removed] = await connection.execute<ResultSetHeader>('DELETE FROM msq_messages WHERE seq = ?', [
        queued.seq,
      ]);
      if (removed.affectedRows === 1)
        await connection.execute(
          'INSERT INTO msq_outbox (event_type, record_key, data, occurred_at) VALUES (?, ?, ?, ?)',
          [
            EVENT_TYPES.customerMessageDelivered,
            message.customerId,
            JSON.stringify(data),
            sqlTime(deliveredAt),
          ],
        );
      await connection.commit();
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** The wakeup is done, unless a newer online event raised its generation meanwhile. */
  async finish(wakeup: Wakeup): Promise<void> {
    await this.pool.execute('DELETE FROM msq_wakeups WHERE customer_id = ? AND generation = ?', [
      wakeup.customerId,
      wakeup.generation,
    ]);
  }

  /** Tries the wakeup again at `dueAt` (the gateway was unreachable). */
  async retryAt(wakeup: Wakeup, dueAt: Date): Promise<void> {
    await this.pool.execute(
      'UPDATE msq_wakeups SET due_at = ?, attempts = attempts + 1 WHERE customer_id = ? AND generation = ?',
      [sqlTime(dueAt), wakeup.customerId, wakeup.generation],
    );
  }

  /** Deletes expired messages and forgotten delete instructions; answers how many messages went. */
  async purge(now: Date, deleteMemoryMs: number): Promise<number> {
    let purged = 0;
    for (;;) {
      const [result] = await this.pool.execute<ResultSetHeader>(
        'DELETE FROM msq_messages WHERE expires_at <= ? LIMIT 10000',
        [sqlTime(now)],
      );
      purged += result.affectedRows;
      if (result.affectedRows < 10_000) break;
    }
    await this.pool.execute('DELETE FROM msq_deletes WHERE deleted_at < ?', [
      sqlTime(new Date(now.getTime() - deleteMemoryMs)),
    ]);
    return purged;
  }
}
