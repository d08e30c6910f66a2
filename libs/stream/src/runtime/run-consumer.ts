import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { isRetriableKafkaError } from './retriable-kafka-error';

/** Options of {@link runConsumer}. */
export interface RunConsumerOptions {
  logger: Logger;
  /** Called once with an error that is not a passing condition of the cluster (see isRetriableKafkaError). */
  onFatal: (error: Error) => void;
  /** Whether the owner is shutting down: a crash then is not restarted. */
  stopping: () => boolean;
  /** First back-off before a restart (default 500 ms), doubled per crash in a row up to 10 s. */
  initialBackoffMs?: number;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Runs a subscribed consumer and keeps it running through passing failures of the cluster. KafkaJS
 * restarts a crashed consumer only when the innermost cause of the crash is marked retriable, so a broker
 * restart that ends in, say, "Failed to find group coordinator" would stop it for good (and a stream
 * application with it). Here every crash that `isRetriableKafkaError` calls passing is restarted, with
 * back-off that grows while crashes follow each other and starts over once the consumer has joined its
 * group again; any other crash goes to `onFatal`. Create the consumer with
 * `retry: { restartOnFailure: restartOnRetriable }` so KafkaJS's own restarts follow the same rule.
 */
export async function runConsumer(
  consumer: Consumer,
  config: ConsumerRunConfig,
  { logger, onFatal, stopping, initialBackoffMs = 500 }: RunConsumerOptions,
): Promise<void> {
  let crashesInARow = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    crashesInARow = 0;
  });
  consumer.on(consumer.events.CRASH, ({ payload: { error, restart } }) => {
    if (stopping()) return;
    if (!isRetriableKafkaError(error)) return onFatal(error);
    crashesInARow += 1;
    if (restart) return;
    const backoff = Math.min(MAX_BACKOFF_MS, initialBackoffMs * 2 ** (crashesInARow - 1));
    logger.warn(
      { err: error, backoffMs: backoff },
      'consumer crashed on a passing Kafka failure; restarting it',
    );
    setTimeout(() => {
      if (stopping()) return;
      consumer.run(config).catch((runError: Error) => {
        if (isRetriableKafkaError(runError)) logger.warn({ err: runError }, 'consumer restart failed');
        else onFatal(runError);
      });
    }, backoff).unref();
  });
  await consumer.run(config);
}

/** `retry.restartOnFailure` for consumers run by {@link runConsumer}: KafkaJS restarts what is passing. */
export const restartOnRetriable = async (error: Error): Promise<boolean> => isRetriableKafkaError(error);
