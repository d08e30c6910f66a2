import { decodeAndValidate, PIPELINE_EVENT_TYPES, type ScaExportReady } from '@prizedraw/events';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';

/** Options of {@link startExportWorker}. */
export interface ExportWorkerOptions {
  kafka: Kafka;
  /** `{brand}.sca.exports`. */
  topic: string;
  groupId: string;
  exportDraw: (ready: ScaExportReady) => Promise<unknown>;
  logger: Logger;
  /** How often the group is told the worker is alive during a long export. Default 3 s. */
  heartbeatIntervalMs?: number;
}

/**
 * Consumes `sca-export-ready` records (committed only) and exports each draw, committing the record's offset
 * only once the export is done: a crash re-delivers it and the export runs again (idempotent). Runs outside
 * any stream transaction, heartbeating while it works, so a long FTP upload cannot time a transaction or
 * the group session out. A record that is not an export-ready event is logged and skipped; a failed export
 * is retried by the consumer (restart with backoff) and logged.
 */
export async function startExportWorker(options: ExportWorkerOptions): Promise<{ stop(): Promise<void> }> {
  const { kafka, topic, logger } = options;
  const consumer = kafka.consumer({ groupId: options.groupId, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message, heartbeat }) => {
      const next = [{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }];
      let ready: ScaExportReady;
      try {
        const event = decodeAndValidate(message);
        if (event.type !== PIPELINE_EVENT_TYPES.scaExportReady) throw new Error(`unexpected ${event.type}`);
        ready = event.data;
      } catch (error) {
        logger.error({ err: error, topic, partition, offset: message.offset }, 'skipping unreadable record');
        await consumer.commitOffsets(next);
        return;
      }
      const alive = setInterval(
        () => void heartbeat().catch(() => undefined),
        options.heartbeatIntervalMs ?? 3_000,
      );
      try {
        const outcome = await options.exportDraw(ready);
        logger.info({ drawId: ready.drawId, outcome }, 'SCA export done');
      } catch (error) {
        logger.error({ err: error, drawId: ready.drawId }, 'SCA export failed; it will be retried');
        throw error;
      } finally {
        clearInterval(alive);
      }
      await consumer.commitOffsets(next);
    },
  });
  return { stop: () => consumer.disconnect() };
}
