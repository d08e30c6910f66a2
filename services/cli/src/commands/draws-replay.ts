import type { DrawRecord } from '@prizedraw/events';
import { type BaseConfig, topicsOf } from '@prizedraw/service';
import { readTopic, type TestInput } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import { say } from '../output';
import { compareEntries, replayEntries } from '../replay/replay-entries';
import { readDrawRecord } from '../verify/read-published-draw';

/** Each activity partition's records up to and including the cut-off offset, in offset order. */
async function activityUpTo(kafka: Kafka, record: DrawRecord): Promise<TestInput[]> {
  const cutoffs = new Map(
    (record.cutoffOffsets ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]),
  );
  const byPartition = new Map<number, TestInput[]>();
  const reader = await readTopic(kafka, record.activityTopic, (message, partition) => {
    if (BigInt(message.offset) > (cutoffs.get(partition) ?? -1n)) return;
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [
        name,
        Buffer.isBuffer(value) ? value : String(value),
      ]),
    );
    const list = byPartition.get(partition) ?? [];
    list.push({
      key: message.key,
      value: message.value,
      headers,
      partition,
      timestamp: Number(message.timestamp),
    });
    byPartition.set(partition, list);
  });
  await reader.caughtUp.finally(() => reader.stop());
  return [...byPartition.keys()].sort((a, b) => a - b).flatMap((partition) => byPartition.get(partition)!);
}

/**
 * `prizedraw draws replay <drawId>`: rebuilds the draw's entry list from the activity topic up to the
 * record's cut-off offsets, through the pipeline's own topologies in memory (scratch stores), and compares it
 * with the record's entry list, naming each difference (exit 1). In memory: meant for audits.
 */
export async function drawsReplay(config: BaseConfig, drawId: string): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'prizedraw-replay',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const topics = topicsOf(config);
  const draw = await readDrawRecord(kafka, topics, drawId);
  if (draw?.record.cutoffOffsets === undefined) {
    say(`draw ${drawId} has no record with cut-off offsets on ${topics.records}`);
    process.exitCode = 1;
    return false;
  }
  const replayed = await replayEntries(draw.record, topics, await activityUpTo(kafka, draw.record));
  const differences = compareEntries(draw.entries, replayed);
  for (const difference of differences) say(`differs: ${difference}`);
  if (differences.length > 0) {
    process.exitCode = 1;
    return false;
  }
  say(
    `draw ${drawId} replayed: the activity up to the cut-offs gives the record's ${replayed.length} entries`,
  );
  return true;
}
