import { PrizedrawError } from '@prizedraw/events';

/**
 * Kafka did not take a send in time: the broker is down, restarting or unreachable. Retriable: the same send
 * may be tried again after {@link KafkaUnavailableError.retryAfterSeconds} (an HTTP route answers 503 with
 * that `Retry-After`). The events may have reached Kafka all the same, so a retry must be idempotent (the
 * same CloudEvent ids).
 */
export class KafkaUnavailableError extends PrizedrawError {
  /** How long a caller should wait before trying again. */
  readonly retryAfterSeconds: number;

  constructor(message: string, options: { cause: unknown; retryAfterSeconds: number }) {
    super(message, { retriable: true, cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
