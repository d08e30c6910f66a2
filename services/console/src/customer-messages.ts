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
 * The latest `perCustomer` messages queued for each customer, for at most `customers` customers (the ones
 * least recently queued to are forgotten first), so the queue topic of a million-entrant draw costs a bounded
 * amount. A message read twice (the same messageId) is kept once.
 */
export class CustomerMessageLog {
  readonly #customers = new Map<string, QueuedMessageRecord[]>();
  readonly #perCustomer: number;
  readonly #maxCustomers: number;

  constructor(perCustomer: number, customers: number) {
    this.#perCustomer = perCustomer;
    this.#maxCustomers = customers;
  }

  add(record: QueuedMessageRecord): void {
    const { customerId, messageId } = record.message;
    const kept = this.#customers.get(customerId) ?? [];
    // Re-inserted so that the map's order is the order customers were last queued to.
    this.#customers.delete(customerId);
    this.#customers.set(customerId, kept);
    if (kept.some((r) => r.message.messageId === messageId)) return;
    kept.push(record);
    if (kept.length > this.#perCustomer) kept.shift();
    if (this.#customers.size > this.#maxCustomers) {
      const oldest = this.#customers.keys().next().value;
      if (oldest !== undefined) this.#customers.delete(oldest);
    }
  }

  /** The customer's kept messages, newest first. */
  of(customerId: string): QueuedMessageRecord[] {
    return [...(this.#customers.get(customerId) ?? [])].reverse();
  }
}
