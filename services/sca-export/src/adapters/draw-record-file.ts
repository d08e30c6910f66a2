import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  type DataCodec,
  DRAW_RECORD_FILE_END,
  type DrawRecord,
  type DrawRecordEntries,
  decodeAndValidate,
  drawRecordFileHead,
  drawRecordFileLine,
  EVENT_TYPES,
  type RecordEntry,
} from '@prizedraw/events';
import { readTopic } from '@prizedraw/stream';
import type { Kafka, KafkaMessage } from 'kafkajs';

/** A draw record written to a local file as the standalone verifier reads it, with its size and sha256. */
export interface DrawRecordFile {
  path: string;
  /** Lowercase hex sha256 of the file. */
  sha256: string;
  bytes: number;
  record: DrawRecord;
}

/** Where {@link readDrawRecordFile} reads: the records topic, and how its data is encoded. */
export interface DrawRecordSource {
  kafka: Kafka;
  /** `{brand}.draw.records`. */
  topic: string;
  dataCodec: DataCodec;
}

/**
 * Reads the record of `drawId` and its entry chunks from the records topic (committed records, up to its end
 * when the read starts) and writes them to `path` as one draw record file (the `--save` layout). Undefined
 * while the record is not on the topic. prize-draw sends the chunks and then the record in one transaction,
 * so a record read comes with every chunk. The chunks arrive partition by partition, not in order: each is
 * staged in a file of its own and they are joined once all are read, so memory holds one chunk at a time
 * however many entrants the draw had. Records of other draws are passed over by key, not decoded.
 */
export async function readDrawRecordFile(
  source: DrawRecordSource,
  drawId: string,
  path: string,
): Promise<DrawRecordFile | undefined> {
  const staging = `${path}.chunks`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    let record: DrawRecord | undefined;
    const chunkKey = `${drawId}|entries|`;
    const decode = async (message: KafkaMessage) =>
      (await decodeAndValidate(message, { dataCodec: source.dataCodec })).data;
    const reader = await readTopic(source.kafka, source.topic, async (message) => {
      const key = message.key?.toString();
      const type = message.headers?.ce_type?.toString();
      if (key === drawId && type === EVENT_TYPES.drawRecord) record = (await decode(message)) as DrawRecord;
      if (key?.startsWith(chunkKey) && type === EVENT_TYPES.drawRecordEntries) {
        const { chunk, entries } = (await decode(message)) as DrawRecordEntries;
        // A later copy of a chunk (compaction keeps the last) replaces the earlier one.
        await writeFile(join(staging, String(chunk)), JSON.stringify(entries));
      }
    });
    await reader.caughtUp.finally(() => reader.stop());
    if (record === undefined) return undefined;
    const hash = createHash('sha256');
    let bytes = 0;
    const counted = async function* (lines: AsyncIterable<string>) {
      for await (const line of lines) {
        const buffer = Buffer.from(line, 'utf8');
        hash.update(buffer);
        bytes += buffer.length;
        yield buffer;
      }
    };
    await writeFile(path, Readable.from(counted(recordFileLines(record, staging))));
    return { path, sha256: hash.digest('hex'), bytes, record };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function* recordFileLines(record: DrawRecord, staging: string): AsyncGenerator<string> {
  yield drawRecordFileHead(record);
  // Each entry is written once the next one is known: the last has no comma.
  let previous: RecordEntry | undefined;
  for (let chunk = 0; chunk < record.entryChunks; chunk++) {
    const text = await readFile(join(staging, String(chunk)), 'utf8').catch(() => {
      throw new Error(
        `draw ${record.drawId}: entry chunk ${chunk} of the record is not on the records topic`,
      );
    });
    for (const entry of JSON.parse(text) as RecordEntry[]) {
      if (previous !== undefined) yield drawRecordFileLine(previous, false);
      previous = entry;
    }
  }
  if (previous !== undefined) yield drawRecordFileLine(previous, true);
  yield DRAW_RECORD_FILE_END;
}
