import type { CustomerMessage, CustomerOnline, MessageDelete } from '@prizedraw/events';
import { retryWithBackoff } from '@prizedraw/service';
import type { Processor, Record } from '@prizedraw/stream';
import type { Logger } from 'pino';
import type { MessageQueueRepository } from '../adapters/message-queue-repository';
import type { MessageQueueMetrics } from '../message-queue-metrics';

/** What the message queue's processors share. */
export interface MessageQueueProcessorsOptions {
  readonly repository: MessageQueueRepository;
  readonly metrics: MessageQueueMetrics;
  readonly logger: Logger;
  /** Resolves once the schema is migrated. */
  readonly ready: () => Promise<unknown>;
  readonly clock?: () => Date;
  /**
   * How long one record's database work is retried before the stream application fails (and the record
   * is read again after the restart). Default 20 s, well inside the Kafka transaction's timeout.
   */
  readonly retryForMs?: number;
}

type Work = (now: Date) => Promise<void>;

/**
 * The message queue's three processors: queue a customer message (once per messageId), wake a customer
 * who came online, apply a delete instruction. Each writes MariaDB idempotently, so a record processed
 * again after a crash changes nothing more; while MariaDB is unreachable a record is retried with backoff.
 */
export function messageQueueProcessors(options: MessageQueueProcessorsOptions) {
  const clock = options.clock ?? (() => new Date());
  const run = (what: string, task: string, work: Work) =>
    retryWithBackoff(
      async () => {
        await options.ready();
        await work(clock());
      },
      {
        what,
        logger: options.logger,
        initialDelayMs: 200,
        maxDelayMs: 5_000,
        signal: AbortSignal.timeout(options.retryForMs ?? 20_000),
        onFailure: () => options.metrics.failures.inc({ task }),
      },
    );
  const processor = <V>(
    what: string,
    work: (value: V, now: Date) => Promise<void>,
  ): Processor<string | null, V> => ({
    process: (record: Record<string | null, V>) => run(what, 'store', (now) => work(record.value, now)),
  });
  return {
    queue: () =>
      processor<CustomerMessage>('queueing a message', async (message, now) => {
        if (Date.parse(message.expiresAt) <= now.getTime()) {
          options.metrics.inbound.inc({ outcome: 'expired' });
          return;
        }
        options.metrics.inbound.inc({ outcome: await options.repository.enqueue(message, now) });
      }),
    wake: () =>
      processor<CustomerOnline>('waking a customer', async (online, now) => {
        await options.repository.wake(online.customerId, now);
      }),
    delete: () =>
      processor<MessageDelete>('applying a delete instruction', async (instruction, now) => {
        options.metrics.deleted.inc(await options.repository.delete(instruction, now));
      }),
  };
}
