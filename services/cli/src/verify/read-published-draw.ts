import {
  type DrawRecord,
  type DrawRecordEntries,
  type DrawResult,
  decodeAndValidate,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type TopicNames,
} from '@prizedraw/events';
import { readTopic } from '@prizedraw/stream';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { PublishedDraw } from './published-draw';

const typeOf = (message: KafkaMessage) => message.headers?.ce_type?.toString();
const dataOf = (message: KafkaMessage) =>
  decodeAndValidate({ key: message.key, value: message.value, headers: message.headers }).data;

/** Reads every committed record of `topic` once, up to its end when the read started. */
async function readAll(kafka: Kafka, topic: string, onMessage: (message: KafkaMessage) => void) {
  const reader = await readTopic(kafka, topic, onMessage);
  await reader.caughtUp.finally(() => reader.stop());
}

/**
 * A draw's record and its entry list (chunks joined in order) from `{brand}.draw.records`, the latest of each
 * key as compaction keeps. Undefined when the draw has no record.
 */
export async function readDrawRecord(
  kafka: Kafka,
  topics: TopicNames,
  drawId: string,
): Promise<Omit<PublishedDraw, 'results'> | undefined> {
  let record: DrawRecord | undefined;
  const chunks = new Map<number, DrawRecordEntries>();
  await readAll(kafka, topics.records, (message) => {
    const type = typeOf(message);
    if (type === EVENT_TYPES.drawRecord) {
      const data = dataOf(message) as DrawRecord;
      if (data.drawId === drawId) record = data;
    } else if (type === EVENT_TYPES.drawRecordEntries) {
      const data = dataOf(message) as DrawRecordEntries;
      if (data.drawId === drawId) chunks.set(data.chunk, data);
    }
  });
  if (record === undefined) return undefined;
  const entries = Array.from({ length: record.entryChunks }, (_, chunk) => {
    const entries = chunks.get(chunk)?.entries;
    if (entries === undefined)
      throw new Error(`draw ${drawId}: entry chunk ${chunk} of the record is missing`);
    return entries;
  }).flat();
  return { record, entries };
}

/**
 * Calls `onResult` with every result of the draw on `{brand}.draw.results` (all of them: a repeat is something
 * a verifier must see), as they are read: a million results are never held.
 */
export async function readDrawResults(
  kafka: Kafka,
  topics: TopicNames,
  drawId: string,
  onResult: (result: DrawResult) => void,
): Promise<void> {
  await readAll(kafka, topics.results, (message) => {
    if (typeOf(message) !== EVENT_TYPES.drawResult) return;
    const data = dataOf(message) as DrawResult;
    if (data.drawId === drawId) onResult(data);
  });
}

/**
 * Checks the record's cut-off offsets against the activity topic: in each partition, the first draw marker
 * of the draw must be at the recorded offset (activity before it is what counted). Names each difference.
 */
export async function checkCutoffs(kafka: Kafka, record: DrawRecord): Promise<string[]> {
  if (record.cutoffOffsets === undefined) return ['the record has no cut-off offsets'];
  const markers = new Map<number, string>();
  const reader = await readTopic(kafka, record.activityTopic, (message, partition) => {
    if (typeOf(message) !== PIPELINE_EVENT_TYPES.drawMarker || markers.has(partition)) return;
    if ((dataOf(message) as { drawId: string }).drawId === record.drawId)
      markers.set(partition, message.offset);
  });
  await reader.caughtUp.finally(() => reader.stop());
  const problems = record.cutoffOffsets.flatMap(({ partition, offset }) => {
    const marker = markers.get(partition);
    if (marker === offset) return [];
    const found = marker === undefined ? 'has no marker of the draw' : `has the draw's marker at ${marker}`;
    return [`activity partition ${partition}: the record's cut-off is offset ${offset}, the topic ${found}`];
  });
  for (const partition of markers.keys())
    if (!record.cutoffOffsets.some((cutoff) => cutoff.partition === partition))
      problems.push(`activity partition ${partition} has a marker of the draw but no cut-off in the record`);
  return problems;
}
