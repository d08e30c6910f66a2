import { decodeAndValidate, PIPELINE_EVENT_TYPES, type ScaExportReady } from '@prizedraw/events';
import { restartOnRetriable, runConsumer } from '@prizedraw/stream';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';

/** Options of {@link startExportWorker}. */
export interface ExportWorkerOptions {
  kafka: Kafka;
  /** `{brand}.sca.exports`. */
  topic: string;
  groupId: string;
  /**
   * Exports one draw, waiting out outages itself (see `exportDraw`); `signal` aborts when the worker stops
   * or loses the record's partition, and the export should then end as soon as it can.
   */
  exportDraw: (ready: ScaExportReady, signal: AbortSignal) => Promise<unknown>;
  logger: Logger;
  /** How often the group is told the worker is alive during a long export. Default 3 s. */
  heartbeatIntervalMs?: number;
  /** The consumer's group session timeout (KafkaJS's `sessionTimeout`). Default 30 s. */
  sessionTimeoutMs?: number;
}

// Heartbeat answers that mean the group is being rebalanced: the partition may go to another member.
const REBALANCING = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/**
 * Consumes `sca-export-ready` records (committed only) and exports each draw, committing the record's offset
 * only once the export is done: a crash re-delivers it and the export runs again (idempotent). Runs outside
 * any stream transaction, heartbeating while it works (an export waits out a server outage, however long),
 * so a long FTP upload or outage cannot time a transaction or the group session out. When a heartbeat says
 * the group is rebalancing, the export is aborted and the record left uncommitted, so that two members never
 * upload the same pair at once; whoever gets the partition exports it. A record that is not an export-ready
 * event is logged and skipped.
 *
 * The consumer is kept running through broker restarts (`runConsumer`, as the stream runtime's): KafkaJS
 * restarts a crashed consumer only when the innermost cause says retriable, and a broker that is restarting
 * or still loading its groups ends some crashes in "Failed to find group coordinator", which would stop the
 * worker for good with the process up and healthy. A crash that is not a passing failure of Kafka is logged
 * at fatal level and leaves the worker stopped.
 */
export async function startExportWorker(options: ExportWorkerOptions): Promise<{ stop(): Promise<void> }> {
  const { kafka, topic, logger } = options;
  const stopping = new AbortController();
  const consumer = kafka.consumer({
    groupId: options.groupId,
    readUncommitted: false,
    ...(options.sessionTimeoutMs !== undefined && {
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, options.sessionTimeoutMs / 5),
    }),
    retry: { restartOnFailure: async (error) => !stopping.signal.aborted && restartOnRetriable(error) },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await runConsumer(
    consumer,
    {
      autoCommit: false,
      eachMessage: async ({ partition, message, heartbeat }) => {
        const next = [{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }];
        let ready: ScaExportReady;
        try {
          const event = decodeAndValidate(message);
          if (event.type !== PIPELINE_EVENT_TYPES.scaExportReady) throw new Error(`unexpected ${event.type}`);
          ready = event.data;
        } catch (error) {
          logger.error(
            { err: error, topic, partition, offset: message.offset },
            'skipping unreadable record',
          );
          await consumer.commitOffsets(next);
          return;
        }
        const lost = new AbortController();
        let rebalancing: unknown;
        const alive = setInterval(() => {
          heartbeat().catch((error: { type?: string }) => {
            if (!REBALANCING.has(error?.type ?? '')) return;
            rebalancing = error;
            lost.abort(error);
          });
        }, options.heartbeatIntervalMs ?? 3_000);
        try {
          const outcome = await options.exportDraw(ready, AbortSignal.any([stopping.signal, lost.signal]));
          logger.info({ drawId: ready.drawId, outcome }, 'SCA export done');
        } catch (error) {
          logger.warn(
            { err: error, drawId: ready.drawId },
            'SCA export interrupted; the record stays uncommitted',
          );
          // The rebalance error itself, so that KafkaJS rejoins the group rather than retrying the record.
          throw rebalancing ?? error;
        } finally {
          clearInterval(alive);
        }
        await consumer.commitOffsets(next);
      },
    },
    {
      logger,
      onFatal: (error) =>
        logger.fatal({ err: error, topic }, 'the SCA export worker stopped; exports wait for a restart'),
      stopping: () => stopping.signal.aborted,
    },
  );
  return {
    async stop() {
      stopping.abort(new Error('sca-export worker stopping'));
      await consumer.disconnect();
    },
  };
}
