import { randomUUID } from 'node:crypto';
import { DecodeError, type ScaExportReady } from '@prizedraw/events';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { csvEntriesOfRun, RUN_RECORD_TYPES } from '../processors/csv-entries-of-run';
import type { CsvEntry } from '../processors/entries-csv';

interface Batch {
  messages: KafkaMessage[];
  release: () => void;
}

/**
 * The entries of a complete SCA draw, read back from the runs topic within the range `ready` names
 * (committed records only), one CSV entry per contest entry, in topic order: the runs topic is immutable,
 * so reading the same range again yields the same rows in the same order and the same file. One fetched
 * batch is held at a time, so memory stays flat whatever the size of the draw.
 */
export async function* readDrawEntries(
  kafka: Kafka,
  topic: string,
  ready: ScaExportReady,
): AsyncGenerator<CsvEntry> {
  const to = BigInt(ready.toOffset);
  const drawKey = Buffer.from(ready.drawId);
  const consumer = kafka.consumer({
    groupId: `sca-export-reader-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
    maxBytesPerPartition: 2 * 1024 * 1024,
    maxBytes: 4 * 1024 * 1024,
  });
  let batch: Batch | undefined;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  // The offset of the next record to read. The reader commits nothing, so every join of its group starts it
  // at the partition's end: on each one (the first; a rejoin after its session expired while a batch was held
  // or the coordinator moved) it goes to where it was, before the joined consumer fetches, and what it already
  // read is passed over. Seeking once run() has returned instead failed when the broker went down in between:
  // the crashed consumer, restarting, has no group to seek in (KafkaJS throws a non-retriable error).
  let next = BigInt(ready.fromOffset);
  consumer.on(consumer.events.GROUP_JOIN, () => {
    consumer.seek({ topic, partition: ready.runsPartition, offset: next.toString() });
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    failure = payload.error;
    wake?.();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch: fetched }) => {
        if (fetched.partition !== ready.runsPartition) return;
        await new Promise<void>((release) => {
          batch = { messages: fetched.messages, release };
          wake?.();
        });
      },
    });
    for (;;) {
      while (batch === undefined && failure === undefined) await new Promise<void>((r) => (wake = r));
      if (failure) throw failure;
      const current = batch as Batch | undefined;
      if (current === undefined) continue;
      for (const message of current.messages) {
        const offset = BigInt(message.offset);
        if (offset < next) continue;
        if (offset > to) return;
        yield* entriesOf(message, ready.drawId, drawKey);
        if (offset === to) return;
        next = offset + 1n;
      }
      batch = undefined;
      current.release();
    }
  } finally {
    // The consumer cannot leave while a batch handler waits for us.
    batch?.release();
    await consumer.disconnect();
  }
}

const RUN_RECORD_TYPE_BYTES = [...RUN_RECORD_TYPES].map((type) => Buffer.from(type));

// The records the export topology spooled, no others: the key and ce_type compared as bytes (as text, bytes
// that are not UTF-8 would be read rewritten), and a run record whose data the topology could not decode
// (not UTF-8, not JSON, another draw's) passed over, as the topology dead-lettered it.
function* entriesOf(message: KafkaMessage, drawId: string, drawKey: Buffer): Generator<CsvEntry> {
  if (message.key === null || !message.key.equals(drawKey)) return;
  const types = message.headers?.ce_type;
  // A repeated header's last value, as the topology reads it.
  const type = Array.isArray(types) ? types.at(-1) : types;
  if (!Buffer.isBuffer(type) || !RUN_RECORD_TYPE_BYTES.some((known) => type.equals(known))) return;
  let entries: CsvEntry[];
  try {
    entries = csvEntriesOfRun(type.toString(), message.value, drawId);
  } catch (error) {
    if (error instanceof DecodeError) return;
    throw error;
  }
  yield* entries;
}
