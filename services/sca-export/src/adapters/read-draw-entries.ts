import { randomUUID } from 'node:crypto';
import { DecodeError, PrizedrawError, type ScaExportReady } from '@prizedraw/events';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { csvEntriesOfRun, RUN_RECORD_TYPES, type RunRows } from '../processors/csv-entries-of-run';
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
 *
 * @throws PrizedrawError (not retriable: an operator must look) at the end of the range when its records
 * carry another number of run entries than the draw's run-ends announce: the file would not hold the draw.
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
  let runEntries = 0;
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
        const run = offset <= to ? runOf(message, ready.drawId, drawKey) : undefined;
        if (run !== undefined) {
          runEntries += run.entries;
          yield* run.rows;
        }
        if (offset >= to) return checkWhole(ready, runEntries);
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
function runOf(message: KafkaMessage, drawId: string, drawKey: Buffer): RunRows | undefined {
  if (message.key === null || !message.key.equals(drawKey)) return undefined;
  const types = message.headers?.ce_type;
  // A repeated header's last value, as the topology reads it.
  const type = Array.isArray(types) ? types.at(-1) : types;
  if (!Buffer.isBuffer(type) || !RUN_RECORD_TYPE_BYTES.some((known) => type.equals(known))) return undefined;
  try {
    return csvEntriesOfRun(type.toString(), message.value, drawId);
  } catch (error) {
    if (error instanceof DecodeError) return undefined;
    throw error;
  }
}

// A file short of entries (a record of the draw that could not be decoded, a range that starts late) or with
// some twice must not reach SCA; the run-ends counted every run entry their wallet partition sent.
function checkWhole(ready: ScaExportReady, runEntries: number): void {
  if (runEntries === ready.entries) return;
  throw new PrizedrawError(
    `sca-export: the runs of draw ${ready.drawId} (partition ${ready.runsPartition}, offsets ` +
      `${ready.fromOffset} to ${ready.toOffset}) carry ${runEntries} run entries where its run-ends count ` +
      `${ready.entries}: the file would not hold the draw's entries`,
    { retriable: false },
  );
}
