import type { CustomerMessage } from '@prizedraw/events';

/** A message notifications queued for a customer: where it is on `{brand}.message-queue.inbound`. */
export interface QueuedMessageRecord {
  readonly message: CustomerMessage;
  readonly partition: number;
  readonly offset: string;
  /** When it was written to the queue topic (ms). */
  readonly queuedAt: number;
}

/**
 * A message notifications delivered at once to the customer's open page, as it recorded it on
 * `{brand}.customer-messages.delivered`.
 */
export interface DeliveredMessageRecord {
  readonly message: CustomerMessage;
  /** When notifications had the gateway's answer (ms). */
  readonly deliveredAt: number;
}

/** A message the console keeps for a customer: queued, or delivered on site at once. */
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
  const expired = Date.parse(record.message.expiresAt) <= now;
  if (facts.stored) return expired ? 'expired' : 'waiting';
  if (facts.committed === undefined || BigInt(record.offset) >= facts.committed) return 'not-read';
  if (facts.deleteNamed) return 'deleted';
  return expired ? 'expired' : 'delivered';
}

/**
 * The latest `perCustomer` messages of each customer (queued or delivered at once, by their time), for at most
 * `customers` customers (the ones least recently messaged are forgotten first), so the message topics of a
 * million-entrant draw cost a bounded amount. A message read twice (the same messageId) is kept once.
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
    if (kept.some((r) => r.message.messageId === messageId)) return;
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
  'deliveredAt' in record ? record.deliveredAt : record.queuedAt;
