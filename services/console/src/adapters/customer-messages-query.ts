import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import type { CustomerMessage } from '@prizedraw/events';
import type { Admin } from 'kafkajs';
import {
  type CustomerMessageLog,
  type DeliveredBy,
  type MessageStatus,
  messageStatusOf,
  type QueuedMessageRecord,
} from '../customer-messages';
import { committedOffsets } from './committed-offsets';

/** A customer's message as the customer page shows it. */
export interface ShownMessage {
  readonly message: CustomerMessage;
  /**
   * When it went to the queue topic (or, for a message the console no longer keeps, into msq_messages); null
   * for a message delivered at once.
   */
  readonly queuedAt: string | null;
  /**
   * When the gateway delivered it, from its delivered event: notifications' for a message delivered at once,
   * the message queue's for a queued one; null while no such event is read.
   */
  readonly deliveredAt: string | null;
  /** Who wrote that event; null without one. */
  readonly deliveredBy: DeliveredBy | null;
  /**
   * `delivered` for a message delivered at once; for a queued one, from the message queue: null when its
   * tables cannot be read (no MYSQL_URL, or no msq_ tables there).
   */
  readonly status: MessageStatus | null;
  /** Where it is on the queue topic; null for a row of msq_messages the console does not keep. */
  readonly partition: number | null;
  readonly offset: string | null;
}

const isoOrNull = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

// Rows of msq_messages shown for one customer; a customer with more waiting has a problem the page shows.
const STORED_SHOWN = 50;
// MariaDB's "table doesn't exist": the message queue never ran against this database.
const NO_SUCH_TABLE = 'ER_NO_SUCH_TABLE';

interface StoredRow {
  message_id: string;
  message: string;
  queued_at: string;
}

/**
 * A customer's messages: those notifications queued on `{brand}.message-queue.inbound` or delivered at once
 * (`{brand}.customer-messages.delivered`; the console keeps the latest of each customer), each queued one
 * with what became of it according to the message queue's own tables (`msq_messages`, `msq_deletes`, read
 * only) and its consumer group's committed offsets; plus rows still in `msq_messages` that the console no
 * longer keeps.
 */
export class CustomerMessagesQuery {
  readonly #log: CustomerMessageLog;
  readonly #pool: ComplianceDbPool | undefined;
  readonly #admin: Admin;
  readonly #group: string;
  readonly #topic: string;

  constructor(options: {
    log: CustomerMessageLog;
    pool: ComplianceDbPool | undefined;
    admin: Admin;
    /** The message queue's consumer group, `prizedraw-<brand>-message-queue`. */
    group: string;
    topic: string;
  }) {
    this.#log = options.log;
    this.#pool = options.pool;
    this.#admin = options.admin;
    this.#group = options.group;
    this.#topic = options.topic;
  }

  async of(customerId: string, now: number): Promise<ShownMessage[]> {
    const kept = this.#log.of(customerId);
    const tables = await this.#tables(customerId);
    const committed = tables && (await committedOffsets(this.#admin, this.#group, this.#topic));
    const statusOf = (record: QueuedMessageRecord) =>
      tables && committed
        ? messageStatusOf(
            record,
            {
              stored: tables.stored.has(record.message.messageId),
              deleteNamed: tables.deleted(record.message),
              committed: committed.get(record.partition),
            },
            now,
          )
        : null;
    const shown: ShownMessage[] = kept.map((record) =>
      'queuedAt' in record
        ? {
            message: record.message,
            queuedAt: new Date(record.queuedAt).toISOString(),
            deliveredAt: isoOrNull(record.deliveredAt),
            deliveredBy: record.deliveredAt === undefined ? null : 'message-queue',
            status: record.deliveredAt === undefined ? statusOf(record) : 'delivered',
            partition: record.partition,
            offset: record.offset,
          }
        : {
            message: record.message,
            queuedAt: null,
            deliveredAt: new Date(record.deliveredAt).toISOString(),
            deliveredBy: record.by,
            status: 'delivered',
            partition: null,
            offset: null,
          },
    );
    const keptIds = new Set(kept.map((record) => record.message.messageId));
    for (const [messageId, row] of tables?.stored ?? [])
      if (!keptIds.has(messageId))
        shown.push({
          message: row.message,
          queuedAt: row.queuedAt,
          deliveredAt: null,
          deliveredBy: null,
          status: Date.parse(row.message.expiresAt) <= now ? 'expired' : 'waiting',
          partition: null,
          offset: null,
        });
    return shown;
  }

  async #tables(customerId: string) {
    if (!this.#pool) return undefined;
    try {
      const [stored] = (await this.#pool.query(
        'SELECT message_id, message, queued_at FROM msq_messages WHERE customer_id = ? ORDER BY seq DESC LIMIT ?',
        [customerId, STORED_SHOWN],
      )) as unknown as [StoredRow[]];
      const [deletes] = (await this.#pool.query(
        'SELECT ref_kind, ref_id FROM msq_deletes WHERE customer_id = ?',
        [customerId],
      )) as unknown as [{ ref_kind: string; ref_id: string }[]];
      const named = new Set(deletes.map((row) => `${row.ref_kind}:${row.ref_id}`));
      return {
        stored: new Map<string, { message: CustomerMessage; queuedAt: string }>(
          stored.map((row) => [
            row.message_id,
            {
              message: JSON.parse(row.message) as CustomerMessage,
              // The pool reads DATETIME as the UTC text `2026-03-08 12:00:00.123`.
              queuedAt: new Date(`${row.queued_at.replace(' ', 'T')}Z`).toISOString(),
            },
          ]),
        ),
        deleted: (message: CustomerMessage) =>
          named.has(`message:${message.messageId}`) || named.has(`source:${message.source.id}`),
      };
    } catch (error) {
      if ((error as { code?: string }).code === NO_SUCH_TABLE) return undefined;
      throw error;
    }
  }
}
