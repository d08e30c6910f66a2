import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_TYPES } from '@prizedraw/events';
import type { EventProducer } from '@prizedraw/service';
import type { Logger } from 'pino';

/** Options of {@link OnlineAnnouncer}. */
export interface OnlineAnnouncerOptions {
  readonly producer: EventProducer;
  /** `{brand}.customers.online`. */
  readonly topic: string;
  readonly brand: string;
  readonly logger: Logger;
  /** Called with `produced`, or `failed` when the retries ran out (metrics). */
  readonly onOutcome?: (outcome: 'produced' | 'failed') => void;
  /** How many attempts before giving up on one event. Default 5, waiting 0.5, 1, 2 and 4 s between them. */
  readonly attempts?: number;
}

/**
 * Produces `prizedraw.customer-online.v1` when a customer opens a session. The session does not wait for
 * it: the customer sees live messages at once, and the message queue redelivers queued ones when the event
 * arrives. Retried with backoff while Kafka is unavailable; given up after a few attempts (logged and
 * counted), since the customer's next session announces them again.
 */
export class OnlineAnnouncer {
  readonly #stop = new AbortController();
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly options: OnlineAnnouncerOptions) {}

  /** Announces that `customerId` is online now. */
  announce(customerId: string): void {
    const sending = this.#send(customerId).then((outcome) => this.options.onOutcome?.(outcome));
    this.#pending.add(sending);
    void sending.finally(() => this.#pending.delete(sending));
  }

  async #send(customerId: string): Promise<'produced' | 'failed'> {
    const { producer, topic, brand, logger } = this.options;
    const attempts = this.options.attempts ?? 5;
    const data = { customerId, brand, at: new Date().toISOString() };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await producer.send(topic, [{ type: EVENT_TYPES.customerOnline, key: customerId, data }]);
        return 'produced';
      } catch (error) {
        if (attempt >= attempts || this.#stop.signal.aborted) {
          logger.error({ err: error, customerId }, 'the customer-online event could not be produced');
          return 'failed';
        }
        const retryInMs = 500 * 2 ** (attempt - 1);
        logger.warn(
          { err: error, customerId, attempt, retryInMs },
          'producing customer-online failed; retrying',
        );
        await sleep(retryInMs, undefined, { signal: this.#stop.signal }).catch(() => undefined);
      }
    }
  }

  /** Stops the retries in progress (shutdown). */
  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.allSettled([...this.#pending]);
  }
}
