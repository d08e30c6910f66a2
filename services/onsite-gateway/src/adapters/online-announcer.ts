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

// Sessions opened within this long are announced in one send: Kafka takes one produce request at a time
// from an idempotent producer, so a send per session made 2,000 sessions opened at once wait ~10 s.
const BATCH_WINDOW_MS = 5;
const MAX_BATCH = 500;

/**
 * Produces `prizedraw.customer-online.v1` when a customer opens a session. The session does not wait for
 * it: the customer sees live messages at once, and the message queue redelivers queued ones when the event
 * arrives. Sessions opened together are announced in batches; a batch is retried with backoff while Kafka is
 * unavailable and given up after a few attempts (logged and counted), since the customers' next sessions
 * announce them again.
 */
export class OnlineAnnouncer {
  readonly #stop = new AbortController();
  readonly #pending = new Set<Promise<void>>();
  #batch: { customerId: string; at: string }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OnlineAnnouncerOptions) {}

  /** Announces that `customerId` is online now. */
  announce(customerId: string): void {
    this.#batch.push({ customerId, at: new Date().toISOString() });
    if (this.#batch.length >= MAX_BATCH) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), BATCH_WINDOW_MS);
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#batch;
    this.#batch = [];
    if (batch.length === 0) return;
    const sending = this.#send(batch).then((outcome) => {
      for (let n = 0; n < batch.length; n += 1) this.options.onOutcome?.(outcome);
    });
    this.#pending.add(sending);
    void sending.finally(() => this.#pending.delete(sending));
  }

  async #send(batch: readonly { customerId: string; at: string }[]): Promise<'produced' | 'failed'> {
    const { producer, topic, brand, logger } = this.options;
    const attempts = this.options.attempts ?? 5;
    const events = batch.map(({ customerId, at }) => ({
      type: EVENT_TYPES.customerOnline,
      key: customerId,
      data: { customerId, brand, at },
    }));
    for (let attempt = 1; ; attempt += 1) {
      try {
        await producer.send(topic, events);
        return 'produced';
      } catch (error) {
        if (attempt >= attempts || this.#stop.signal.aborted) {
          logger.error(
            { err: error, customers: batch.length },
            'customer-online events could not be produced',
          );
          return 'failed';
        }
        const retryInMs = 500 * 2 ** (attempt - 1);
        logger.warn(
          { err: error, customers: batch.length, attempt, retryInMs },
          'producing customer-online events failed; retrying',
        );
        await sleep(retryInMs, undefined, { signal: this.#stop.signal }).catch(() => undefined);
      }
    }
  }

  /** Sends what is waiting, stops the retries in progress (shutdown). */
  async close(): Promise<void> {
    this.#flush();
    this.#stop.abort();
    await Promise.allSettled([...this.#pending]);
  }
}
