import { createDataCodec, type DataCodec, PrizedrawError } from '@prizedraw/events';
import type { Logger } from 'pino';
import type { BaseConfig } from './config';
import { retryWithBackoff } from './retry-with-backoff';

/**
 * The process's {@link DataCodec}: with `SCHEMA_REGISTRY_URL`, the schema of every event type registered
 * first. A registry that cannot be reached (or answers 5xx) is waited for, retried with back-off and logged
 * at warn, however long it is down: a process must not exit because the registry restarts at the same time.
 * What needs an operator (an incompatible schema, a refused login) still stops the start with its message.
 */
export async function startDataCodec(
  config: Pick<BaseConfig, 'SCHEMA_REGISTRY_URL'>,
  logger: Pick<Logger, 'warn' | 'error'>,
): Promise<DataCodec> {
  const outcome = await retryWithBackoff(
    async () => {
      try {
        return { codec: await createDataCodec({ schemaRegistryUrl: config.SCHEMA_REGISTRY_URL }) };
      } catch (error) {
        // Only what passes is retried; the rest leaves the loop to stop the start.
        if (error instanceof PrizedrawError && error.retriable) throw error;
        return { failed: error };
      }
    },
    // At most 30 s between attempts: a process that waits for the registry starts soon after it is back.
    { what: 'registering the event schemas with the schema registry', logger, maxDelayMs: 30_000 },
  );
  if ('failed' in outcome) throw outcome.failed;
  return outcome.codec;
}
