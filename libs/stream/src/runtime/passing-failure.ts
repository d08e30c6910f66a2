import { PrizedrawError } from '@prizedraw/events';
import { isRetriableKafkaError } from './retriable-kafka-error';

/**
 * Whether a failed batch (or punctuation) is worth retrying with back-off, the task rebuilt from what Kafka
 * committed, rather than a reason to stop the application: a passing failure of the Kafka cluster (see
 * {@link isRetriableKafkaError}), or a {@link PrizedrawError} that says `retriable` — a deserializer that
 * could not reach the schema registry to look up a record's schema id. Such a record is valid: it must wait
 * for the registry, neither stop the process nor go to the dead-letter topic.
 */
export function isPassingFailure(error: unknown): boolean {
  return (error instanceof PrizedrawError && error.retriable) || isRetriableKafkaError(error);
}
