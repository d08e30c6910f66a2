// Benchmark of what a hop does to every record besides its own logic, for a prizedraw record (~200-byte
// value and its 7 CloudEvent headers): KafkaJS writing a transactional produce request of them and decoding a
// fetched batch (as patched, see docs/stream-runtime.md), the runtime turning header values into text,
// libs/events reading the CloudEvent of a consumed record and writing one for its output, and a stage's sink
// writing a draw result (the serializer every stage and the draw's emission run). No broker.
// Run: pnpm bench:codec
import { randomUUID } from 'node:crypto';
import {
  bind,
  decodeAndValidate,
  EVENT_TYPES,
  encodeEvent,
  resultLine,
  type Stake,
  stamp,
  toCloudEvent,
} from '@prizedraw/events';
import { cloudEventSink, type Outbound } from '@prizedraw/service';
import { Record as StreamRecord } from '@prizedraw/stream';

import Decoder from 'kafkajs/src/protocol/decoder';
import encodeRecord from 'kafkajs/src/protocol/recordBatch/record/v0';
import { RecordBatch } from 'kafkajs/src/protocol/recordBatch/v0';
import decodeBatch from 'kafkajs/src/protocol/recordBatch/v0/decoder';
import encodeRequest from 'kafkajs/src/protocol/request';
import produceRequest from 'kafkajs/src/protocol/requests/produce/v3/request';
import { decodeHeaders } from '../../libs/stream/src/runtime/decode-headers';
import { buildStakeMessage } from '../../libs/stream/test/support/counting-topology';
import { benchDrawResult } from './support/draw-results';
import { benchOptions } from './support/options';
import { printTable } from './support/stats';

const args = benchOptions({
  records: { type: 'string', default: '1000' },
  rounds: { type: 'string', default: '200' },
});
const RECORDS = Number(args.records);
const ROUNDS = Number(args.rounds);

function record(i: number) {
  return {
    offsetDelta: i,
    timestampDelta: i,
    key: Buffer.from(`acc-${String(i).padStart(10, '0')}`),
    value: Buffer.alloc(205, 'x'),
    headers: {
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: `3f1b0e0e-8a4c-4a5e-9f0e-${String(i).padStart(12, '0')}`,
      ce_source: '/prizedraw/ingestion',
      ce_type: 'prizedraw.stake.v1',
      ce_time: '2026-11-22T09:00:00.000Z',
      ce_timeline: 'occurred@2026-11-22T09:00:00.000Z,ingestion.out@2026-11-22T09:00:00.012Z',
    },
  };
}

const encodeBatch = () =>
  RecordBatch({
    records: Array.from({ length: RECORDS }, (_, i) => encodeRecord(record(i))),
    transactional: true,
  });

// The messages as a producer hands them over, built once: the row times KafkaJS's encoding alone.
const produced = Array.from({ length: RECORDS }, (_, i) => ({ ...record(i), timestamp: String(1e12 + i) }));

/** A transactional producer's produce request of the records, as it goes on the wire (size prefix included). */
const encodeProduceRequest = async () => {
  const request = produceRequest({
    acks: -1,
    timeout: 30_000,
    transactionalId: 'bench-0',
    producerId: 4711,
    producerEpoch: 3,
    topicData: [{ topic: 'bench-out', partitions: [{ partition: 0, firstSequence: 0, messages: produced }] }],
  });
  return encodeRequest({ correlationId: 1, clientId: 'bench', request });
};

/** The batch as a fetch response carries it: offset, length, then what RecordBatch wrote after its offset. */
async function fetchedBatch(): Promise<Buffer> {
  const decoder = new Decoder((await encodeBatch()).buffer);
  decoder.readInt64();
  const rest = decoder.readBytes();
  const batch = Buffer.alloc(12 + rest.length);
  batch.writeInt32BE(rest.length, 8);
  rest.copy(batch, 12);
  return batch;
}

/** CPU µs per record of `work` on a batch, over ROUNDS rounds after as many to warm up. */
async function microsPerRecord(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < ROUNDS; i++) await work();
  const before = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (ROUNDS * RECORDS);
}

/** Consumed stakes as the runtime hands them to a deserializer: header values decoded to text. */
function consumedStakes() {
  return Array.from({ length: RECORDS }, (_, i) => {
    const { key, value, headers } = buildStakeMessage({
      accountId: `acc-${String(i).padStart(10, '0')}`,
      activityId: randomUUID(),
      promoCode: 'xmas-2026-sportsbook',
    });
    return {
      key: Buffer.from(key as string),
      value: value as Buffer,
      headers: headers as Record<string, string>,
    };
  });
}

/** An output event bound to its input, stamped twice, as a stage's processor and sink do. */
function encodeOutput(input: ReturnType<typeof decodeAndValidate>) {
  const stake = input.data as Stake;
  const count = { accountId: stake.accountId, count: 3, totalMinor: 300 };
  const binder = stamp(stamp(bind(count, input), 'count.process'), 'count.out');
  return encodeEvent(toCloudEvent(binder, { type: 'prizedraw.test.count.v1', source: '/prizedraw/bench' }), {
    key: stake.accountId,
  });
}

/**
 * Draw results as prize-draw forwards them to its results sink: bound to the timeline of the run-end that
 * completed the draw, keeping its time, keyed by the entrant; `withJson`, with their data as the JSON text
 * prize-draw made for the results hash (its line, `dataJson`), as the emission sends them.
 */
function drawResultRecords(withJson: boolean) {
  const origin = {
    time: '2026-12-07T11:00:00.000Z',
    timeline: [
      { stage: 'occurred', at: 1_796_643_000_000 },
      { stage: 'ingestion.out', at: 1_796_643_000_100 },
      { stage: 'ticket-wallet.out', at: 1_796_643_000_200 },
    ],
  };
  return Array.from({ length: RECORDS }, (_, i) => {
    const result = benchDrawResult(i);
    const value: Outbound = {
      type: EVENT_TYPES.drawResult,
      binder: bind(result, origin),
      time: origin.time,
      ...(withJson && { dataJson: resultLine(result).trimEnd() }),
    };
    return new StreamRecord(result.accountId, value, 1_796_643_000_000);
  });
}

async function main() {
  const fetched = await fetchedBatch();
  const { records } = await decodeBatch(new Decoder(fetched));
  const consumed = consumedStakes();
  const events = consumed.map((message) => decodeAndValidate(message));
  const sink = cloudEventSink('bench-results', 'prize-draw');
  const results = drawResultRecords(false);
  const resultsWithJson = drawResultRecords(true);
  printTable(`KafkaJS record codec, batches of ${RECORDS} records (205-byte value, 7 headers)`, [
    [
      'encode a produce request (records, batch, request), CPU µs per record',
      await microsPerRecord(encodeProduceRequest),
    ],
    [
      'decode (batch + records), CPU µs per record',
      await microsPerRecord(() => decodeBatch(new Decoder(fetched))),
    ],
    [
      'header values to text, as the runtime does (decodeHeaders), CPU µs per record',
      await microsPerRecord(async () => records.map((consumed) => decodeHeaders(consumed.headers))),
    ],
  ]);
  printTable(`CloudEvents of libs/events, ${RECORDS} stake events`, [
    [
      'read and validate a consumed record, CPU µs per record',
      await microsPerRecord(async () => consumed.map((message) => decodeAndValidate(message))),
    ],
    [
      'bind, stamp and write an output event, CPU µs per record',
      await microsPerRecord(async () => events.map(encodeOutput)),
    ],
    [
      "a draw result through a stage's sink (cloudEventSink's serializer), CPU µs per record",
      await microsPerRecord(async () => results.map(sink.serializer)),
    ],
    [
      "the same with the result's line as its data (dataJson), CPU µs per record",
      await microsPerRecord(async () => resultsWithJson.map(sink.serializer)),
    ],
  ]);
}

void main();
