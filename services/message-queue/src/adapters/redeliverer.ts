import type { Logger } from 'pino';
import type { DeliveryOutcome, GatewayClient } from './gateway-client';
import type { MessageQueueRepository, Wakeup } from './message-queue-repository';

/** Options of {@link startRedeliverer}. */
export interface RedelivererOptions {
  readonly repository: MessageQueueRepository;
  readonly gateway: Pick<GatewayClient, 'deliver'>;
  readonly logger: Logger;
  /** How often due wakeups are looked for. */
  readonly pollMs: number;
  /** How long a claim on a customer's redelivery lasts (after a crash it falls due again then). */
  readonly leaseMs: number;
  /** Resolves once the schema is migrated. */
  readonly ready: () => Promise<unknown>;
  /** Called with each delivery's outcome (metrics). */
  readonly onDelivery?: (outcome: DeliveryOutcome) => void;
  /** Called after a failed pass (MariaDB unreachable) (metrics). */
  readonly onFailure?: (error: unknown) => void;
  readonly clock?: () => Date;
}

/** The running redeliverer. */
export interface Redeliverer {
  stop(): Promise<void>;
}

const CLAIMS_PER_PASS = 20;
const MESSAGES_PER_CUSTOMER = 100;
const MAX_BACKOFF_MS = 60_000;

/**
 * Redelivers the queues of customers who came online: claims due wakeups, posts each queued unexpired
 * message in order to the gateway and on 200 removes it, writing its delivered event to the outbox in the
 * same transaction (relayed to `{brand}.customer-messages.delivered`). A 404 (the customer left again) ends
 * the wakeup with the rest still queued; the gateway unreachable keeps everything and tries again with
 * exponential backoff. A crash between a 200 and the removal redelivers that message with the same id,
 * which the page ignores: the effect is exactly once, and so is the delivered event (the removal that
 * commits writes it).
 */
export function startRedeliverer(options: RedelivererOptions): Redeliverer {
  const clock = options.clock ?? (() => new Date());
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();

  const redeliver = async (wakeup: Wakeup): Promise<void> => {
    const { repository, gateway } = options;
    for (;;) {
      const queued = await repository.queued(wakeup.customerId, clock(), MESSAGES_PER_CUSTOMER);
      for (const entry of queued) {
        const { seq, message } = entry;
        const outcome = await gateway.deliver(message);
        options.onDelivery?.(outcome);
        if (outcome === 'offline') return repository.finish(wakeup);
        if (outcome === 'unavailable') {
          const backoffMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** wakeup.attempts);
          return repository.retryAt(wakeup, new Date(clock().getTime() + backoffMs));
        }
        if (outcome === 'delivered') {
          await repository.delivered(entry, clock());
          continue;
        }
        options.logger.error(
          { messageId: message.messageId },
          'the gateway rejects a queued message; dropped',
        );
        await repository.remove(seq);
      }
      if (queued.length < MESSAGES_PER_CUSTOMER) return repository.finish(wakeup);
    }
  };

  const runPass = async () => {
    try {
      await options.ready();
      const due = await options.repository.claimDue(clock(), options.leaseMs, CLAIMS_PER_PASS);
      await Promise.all(due.map(redeliver));
      if (due.length === CLAIMS_PER_PASS) return schedule(0);
    } catch (error) {
      options.onFailure?.(error);
      options.logger.warn({ err: error }, 'a redelivery pass failed; trying again');
    }
    schedule(options.pollMs);
  };
  const schedule = (delayMs: number) => {
    if (stopping) return;
    timer = setTimeout(() => {
      pass = runPass();
    }, delayMs);
  };
  schedule(0);
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
