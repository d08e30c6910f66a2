import { setTimeout as sleep } from 'node:timers/promises';
import { type ComplianceDbPool, UserDetailsRepository, WatermarkRepository } from '@prizedraw/compliance-db';
import { EVENT_TYPES } from '@prizedraw/events';
import type { EventProducer } from '@prizedraw/service';
import type { Logger } from 'pino';
import { entryOfUserDetails } from '../processors/entry-of-user-details';

/** Options of {@link startUserDetailsReader}. */
export interface UserDetailsReaderOptions {
  pool: ComplianceDbPool;
  producer: EventProducer;
  /** The activity topic. */
  topic: string;
  /** Name of this reader's watermark row, one per brand. */
  reader: string;
  intervalMs: number;
  batchSize: number;
  logger: Logger;
}

/**
 * Reads `aramis.user_details` incrementally into Kafka as `prizedraw.entry.v1` events (time = the row's
 * `created_at`, id derived from the entry id). The watermark (last row id) is stored in
 * `ingestion_watermarks` only after Kafka acknowledged the batch (acks=all): each row enters Kafka once
 * across restarts, except after a crash between the two, when the batch is sent again and dedupe drops the
 * repeated entry ids. A failed step is logged and retried after the interval.
 */
export function startUserDetailsReader(options: UserDetailsReaderOptions): { stop(): Promise<void> } {
  const { pool, producer, topic, reader, intervalMs, batchSize, logger } = options;
  const entries = new UserDetailsRepository(pool);
  const watermarks = new WatermarkRepository(pool);
  const stopping = new AbortController();
  const step = async (): Promise<number> => {
    const rows = await entries.readAfter(await watermarks.get(reader), batchSize);
    if (rows.length === 0) return 0;
    await producer.send(
      topic,
      rows.map((row) => ({
        type: EVENT_TYPES.entry,
        key: row.accountId ?? row.email.trim().toLowerCase(),
        data: entryOfUserDetails(row),
        id: `user-details:${row.entryId}`,
        time: row.createdAt,
      })),
    );
    await watermarks.advance(reader, rows.at(-1)!.userDetailsId);
    return rows.length;
  };
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const read = await step().catch((error: unknown) => {
        logger.error({ err: error, reader }, 'user_details read failed; retrying');
        return 0;
      });
      if (read < batchSize)
        await sleep(intervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
