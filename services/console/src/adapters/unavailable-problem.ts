import { isConnectionFailure } from '@prizedraw/compliance-db';
import { HttpProblem, problemType } from '@prizedraw/http-api';
import { KafkaUnavailableError } from '@prizedraw/service';
import { isRetriableKafkaError } from '@prizedraw/stream';

/**
 * A 503 problem with Retry-After for a send Kafka did not take (the broker is away or restarting: the
 * operator retries); any other error is returned as it is, to be answered as a 500.
 */
export function unavailableProblem(error: unknown, what: string): unknown {
  const retryAfterSeconds =
    error instanceof KafkaUnavailableError
      ? error.retryAfterSeconds
      : error instanceof Error && isRetriableKafkaError(error)
        ? 5
        : undefined;
  if (retryAfterSeconds === undefined) return error;
  return new HttpProblem({
    status: 503,
    type: problemType('kafka-unavailable'),
    title: 'Kafka is unavailable',
    detail: `${what} was not done: Kafka is unavailable; retry later`,
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

/** Runs a read of the database; a connection failure becomes a 503 with Retry-After for the operator. */
export async function databaseCall<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isConnectionFailure(error)) throw error;
    throw new HttpProblem({
      status: 503,
      type: problemType('database-unavailable'),
      detail: 'the database cannot be reached; retry later',
      headers: { 'retry-after': '5' },
    });
  }
}
