import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { restartOnRetriable, runConsumer } from './run-consumer';

/**
 * A running reader of a whole topic; `caughtUp` settles once it has read every record written before it
 * started, each transaction among them decided (committed records read, aborted ones skipped).
 */
export interface TopicReader {
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads every partition of `topic` from the beginning (committed records only), calling `onMessage` for each
 * record, and keeps following it until stopped, through broker restarts (see runConsumer). Each reader is a
 * consumer group of its own that never commits: KafkaJS has no group-less assignment. A failure that is not
 * a passing one is logged at error level to `logger` (and fails `caughtUp` if it has not settled).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  onMessage: (message: KafkaMessage, partition: number) => void | Promise<void>,
  logger: Logger = pino({ level: 'error' }),
): Promise<TopicReader> {
  // The high watermark, not the last stable offset: a transaction's commit markers land on its partitions
  // one by one, so a record seen committed on one partition does not make the same transaction's records
  // on another readable yet. Reading committed records up to the high watermark waits for them.
  const admin = kafka.admin({ readUncommitted: true });
  await admin.connect();
  const ends = await fetchEnds(admin, topic).finally(() => admin.disconnect());
  const behind = new Map(
    ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]),
  );
  const consumer = kafka.consumer({
    groupId: `reader-${topic}-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 250,
    retry: { restartOnFailure: async (error) => !stopped && restartOnRetriable(error) },
  });
  let stopped = false;
  let failed: (error: Error) => void = () => undefined;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const caughtUp = new Promise<void>((resolve, reject) => {
    const check = () => behind.size === 0 && resolve();
    // Fires for batches of transaction markers too, whose offsets count towards the end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (BigInt(payload.lastOffset) + 1n >= (behind.get(payload.partition) ?? 0n))
        behind.delete(payload.partition);
      check();
    });
    failed = reject;
    check();
  });
  await runConsumer(
    consumer,
    {
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) await onMessage(message, batch.partition);
      },
    },
    {
      logger: logger.child({ topic }),
      onFatal: (error) => {
        logger.error({ err: error, topic }, 'topic reader failed');
        failed(error);
      },
      stopping: () => stopped,
    },
  );
  return {
    caughtUp,
    stop: () => {
      stopped = true;
      return consumer.disconnect();
    },
  };
}

const ENDS_WAIT_MS = 30_000;

// A topic just created may answer "not the leader" for a moment while its leaders are announced: retry
// retriable answers for a while instead of failing the reader.
async function fetchEnds(admin: Admin, topic: string) {
  const deadline = Date.now() + ENDS_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * attempt)));
    }
  }
}
