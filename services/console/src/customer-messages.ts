import type { CustomerMessage } from '@prizedraw/events';

/** A message notifications queued for a customer: where it is on `{brand}.message-queue.inbound`. */
export interface QueuedMessageRecord {
  readonly message: CustomerMessage;
  readonly partition: number;
  readonly offset: string;
  /** When it was written to the queue topic (ms). */
  readonly queuedAt: number;
  /** When the message queue delivered it (ms), from its delivered event; absent until that is read. */
  readonly deliveredAt?: number;
}

/** Who wrote a delivered event: notifications (at once, to an open page) or the message queue (later). */
export type DeliveredBy = 'notifications' | 'message-queue';

/** A message as its delivered event on `{brand}.customer-messages.delivered` states it. */
export interface DeliveredMessageRecord {
  readonly message: CustomerMessage;
  /** When the writer had the gateway's answer (ms). */
  readonly deliveredAt: number;
  readonly by: DeliveredBy;
}

/**
 * A message the console keeps for a customer: queued (with its delivery time once the queue's delivered
 * event is read), or known from its delivered event only (delivered at once, or a queued one whose queue
 * record the console no longer keeps or has not read yet).
 */
export type CustomerMessageRecord = QueuedMessageRecord | DeliveredMessageRecord;

/**
 * What became of a queued message, from the message queue's own tables and its progress on the topic:
 * `waiting` (in msq_messages, unexpired), `expired` (its expiresAt passed: not shown, purged), `deleted` (a
 * delete instruction named it or its source), `delivered` (read by the queue, and gone from msq_messages
 * without being deleted or expiring: the queue removes a message only after the gateway's 200), `not-read`
 * (the queue has not committed past it yet).
 */
export type MessageStatus = 'waiting' | 'expired' | 'deleted' | 'delivered' | 'not-read';

/** What the message queue says about one message. */
export interface MessageQueueFacts {
  /** The message has a row in msq_messages. */
  readonly stored: boolean;
  /** A delete instruction in msq_deletes names the message or its source. */
  readonly deleteNamed: boolean;
  /**
   * The queue's committed offset on the message's partition (the next record it will read); undefined: it
   * has committed nothing there.
   */
  readonly committed: bigint | undefined;
}

export function messageStatusOf(
  record: QueuedMessageRecord,
  facts: MessageQueueFacts,
  now: number,
): MessageStatus {
  // The queue's own record of the delivery; it is written after the row is gone, so the facts agree.
  if (record.deliveredAt !== undefined) return 'delivered';
  const expired = Date.parse(record.message.expiresAt) <= now;
  if (facts.stored) return expired ? 'expired' : 'waiting';
  if (facts.committed === undefined || BigInt(record.offset) >= facts.committed) return 'not-read';
  if (facts.deleteNamed) return 'deleted';
  return expired ? 'expired' : 'delivered';
}

/**
 * The latest `perCustomer` messages of each customer (queued or delivered at once, by their time), for at most
 * `customers` customers (the ones least recently messaged are forgotten first), so the message topics of a
 * million-entrant draw cost a bounded amount. A message read twice (the same messageId) is kept once; its
 * queue record and the queue's delivered event, read in either order, make one record.
 */
export class CustomerMessageLog {
  readonly #customers = new Map<string, CustomerMessageRecord[]>();
  readonly #perCustomer: number;
  readonly #maxCustomers: number;

  constructor(perCustomer: number, customers: number) {
    this.#perCustomer = perCustomer;
    this.#maxCustomers = customers;
  }

  add(record: CustomerMessageRecord): void {
    const { customerId, messageId } = record.message;
    const kept = this.#customers.get(customerId) ?? [];
    // Re-inserted so that the map's order is the order customers were last messaged.
    this.#customers.delete(customerId);
    this.#customers.set(customerId, kept);
    const known = kept.findIndex((r) => r.message.messageId === messageId);
    if (known >= 0) {
      kept[known] = merged(kept[known] as CustomerMessageRecord, record);
      return;
    }
    kept.push(record);
    // The two topics are read side by side, so a customer's records do not arrive in time order.
    kept.sort((a, b) => timeOf(a) - timeOf(b));
    if (kept.length > this.#perCustomer) kept.shift();
    if (this.#customers.size > this.#maxCustomers) {
      const oldest = this.#customers.keys().next().value;
      if (oldest !== undefined) this.#customers.delete(oldest);
    }
  }

  /** The customer's kept messages, newest first. */
  of(customerId: string): CustomerMessageRecord[] {
    return [...(this.#customers.get(customerId) ?? [])].reverse();
  }
}

const timeOf = (record: CustomerMessageRecord) =>
  'queuedAt' in record ? record.queuedAt : record.deliveredAt;

/** A queue record and a delivered event of one message become the queued record with its delivery time. */
function merged(kept: CustomerMessageRecord, next: CustomerMessageRecord): CustomerMessageRecord {
  const [queued, delivered] = 'queuedAt' in kept ? [kept, next] : [next, kept];
  // Anything else is a repeat of what is kept.
  if (!('queuedAt' in queued) || 'queuedAt' in delivered) return kept;
  return { ...queued, deliveredAt: delivered.deliveredAt };
}
