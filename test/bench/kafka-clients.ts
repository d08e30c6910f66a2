// Benchmark of the Kafka client under the draw's emission (issue 13): a million draw-result CloudEvents
// (prize-draw's records: key, ~190-byte JSON value, 7 headers) produced in transactions of 20,000 (the draw's
// slice) to 8 partitions by
//   kafkajs           KafkaJS as patched (docs/stream-runtime.md), through the runtime's TransactionCollector;
//   confluent-kafkajs @confluentinc/kafka-javascript's KafkaJS-compatible API (librdkafka underneath);
//   confluent-native  the same package's librdkafka producer API, no delivery report per record;
//   build-only        the records built and dropped: the cost every client shares.
// Each client runs in a process of its own, the order rotating round by round. Per run: wall time and CPU
// time of the produce phase (connecting excluded; librdkafka's threads included), the broker's CPU over the
// run, the process's peak RSS, and whether the topic holds every record. The confluent client is built from
// source into .bench-cache/ on the first run (see support/confluent-client.ts).
// Run (stack up, `eval "$(deploy/local/stack env)"`): pnpm bench:clients [-- --records N --rounds R
//   --clients kafkajs,build-only]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { bind, EVENT_TYPES, encodeEvent, stamp, toCloudEvent } from '@prizedraw/events';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { TransactionCollector } from '../../libs/stream/src/runtime/transaction-collector';
import { offsetsUsed } from '../chaos/support/topic-progress';
import { brokers, createTopics, kafka, uniqueName } from '../support/kafka';
import { confluentClientPath } from './support/confluent-client';
import { benchDrawResult } from './support/draw-results';
import { benchOptions } from './support/options';
import { runBench, scratchTopics } from './support/run-bench';
import { brokerPid, cpuSeconds, peakRssMiB, percentile, printTable } from './support/stats';

const CLIENTS = ['kafkajs', 'confluent-kafkajs', 'confluent-native', 'build-only'] as const;
type Client = (typeof CLIENTS)[number];

const args = benchOptions({
  records: { type: 'string', default: '1000000' },
  rounds: { type: 'string', default: '3' },
  // Which of CLIENTS to run, comma-separated: all by default.
  clients: { type: 'string', default: CLIENTS.join(',') },
  // Internal: the process of one client's run.
  client: { type: 'string' },
  topic: { type: 'string' },
});
const RECORDS = Number(args.records);
const CHOSEN = args.clients.split(',').map((name) => {
  if (!(CLIENTS as readonly string[]).includes(name))
    throw new Error(`--clients: ${name} is not one of ${CLIENTS.join(', ')}`);
  return name as Client;
});
const SLICE = 20_000;
const PARTITIONS = 8;
// What the runtime flushes at (TransactionCollector): the confluent API is handed chunks of the same size.
const CHUNK_RECORDS = 1_700;

interface Message {
  key: Buffer;
  value: Buffer;
  headers: Record<string, string>;
}

/** Result i of the draw as prize-draw's results sink writes it. */
function resultMessage(i: number): Message {
  const result = benchDrawResult(i);
  const event = toCloudEvent(stamp(bind(result), 'prize-draw.out'), {
    type: EVENT_TYPES.drawResult,
    source: '/prizedraw/prize-draw',
  });
  const { key, value, headers } = encodeEvent(event, { key: result.accountId });
  return {
    key: Buffer.from(key as string),
    value: value as Buffer,
    headers: headers as Record<string, string>,
  };
}

/** Produces one transaction of records [from, to). */
type SliceProducer = { slice(from: number, to: number): Promise<void>; close(): Promise<void> };

async function kafkajsProducer(topic: string): Promise<SliceProducer> {
  // Silent: KafkaJS logs the coordinator's CONCURRENT_TRANSACTIONS answers it retries as errors; failures throw.
  const client = new Kafka({ brokers: brokers(), logLevel: logLevel.NOTHING });
  // The producer settings of a PartitionTask.
  const producer = client.producer({
    transactionalId: `${topic}-tx`,
    idempotent: true,
    maxInFlightRequests: 1,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 5, maxRetryTime: 1000 },
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    async slice(from, to) {
      const collector = new TransactionCollector(producer, async () => {});
      for (let i = from; i < to; i++) {
        // As a sink hands records over: a promise only when the buffer filled and is being flushed.
        const flushing = collector.send([{ topic, ...resultMessage(i) }]);
        if (flushing) await flushing;
      }
      await collector.commit();
    },
    close: () => producer.disconnect(),
  };
}

// The confluent package has no types of its own for what is used here; these are the calls made.
interface ConfluentTransaction {
  send(record: { topic: string; messages: Message[] }): Promise<unknown>;
  commit(): Promise<void>;
}
interface ConfluentModule {
  KafkaJS: {
    Kafka: new (
      config: object,
    ) => {
      producer(config: object): {
        connect(): Promise<void>;
        transaction(): Promise<ConfluentTransaction>;
        disconnect(): Promise<void>;
      };
    };
  };
  Producer: new (config: object) => NativeProducer;
}
type Callback = (error?: Error) => void;
interface NativeProducer {
  connect(options: object, callback: Callback): void;
  setPollInterval(ms: number): void;
  poll(): void;
  initTransactions(timeoutMs: number, callback: Callback): void;
  beginTransaction(callback: Callback): void;
  commitTransaction(timeoutMs: number, callback: Callback): void;
  produce(
    topic: string,
    partition: null,
    value: Buffer,
    key: Buffer,
    timestamp: number,
    opaque: undefined,
    headers: Record<string, string>[],
  ): void;
  disconnect(callback: () => void): void;
}

function confluent(): ConfluentModule {
  return createRequire(__filename)(confluentClientPath()) as ConfluentModule;
}

async function confluentKafkajsProducer(topic: string): Promise<SliceProducer> {
  const { KafkaJS } = confluent();
  const client = new KafkaJS.Kafka({ kafkaJS: { brokers: brokers(), logLevel: 0 } });
  const producer = client.producer({ kafkaJS: { transactionalId: `${topic}-tx` }, 'linger.ms': 5 });
  await producer.connect();
  return {
    async slice(from, to) {
      const transaction = await producer.transaction();
      // The API's advice: hand over many sends, then wait for all of them.
      const sends: Promise<unknown>[] = [];
      for (let start = from; start < to; start += CHUNK_RECORDS) {
        const messages: Message[] = [];
        for (let i = start; i < Math.min(to, start + CHUNK_RECORDS); i++) messages.push(resultMessage(i));
        sends.push(transaction.send({ topic, messages }));
      }
      await Promise.all(sends);
      await transaction.commit();
    },
    close: () => producer.disconnect(),
  };
}

async function confluentNativeProducer(topic: string): Promise<SliceProducer> {
  const producer = new (confluent().Producer)({
    'metadata.broker.list': brokers().join(','),
    'transactional.id': `${topic}-tx`,
    'linger.ms': 5,
    dr_cb: false,
  });
  const done = (call: (callback: Callback) => void) =>
    new Promise<void>((resolve, reject) => call((error) => (error ? reject(error) : resolve())));
  await done((callback) => producer.connect({}, callback));
  producer.setPollInterval(100);
  await done((callback) => producer.initTransactions(30_000, callback));
  return {
    async slice(from, to) {
      await done((callback) => producer.beginTransaction(callback));
      for (let i = from; i < to; i++) {
        const { key, value, headers } = resultMessage(i);
        const list = Object.entries(headers).map(([name, text]) => ({ [name]: text }));
        for (;;) {
          try {
            producer.produce(topic, null, value, key, 0, undefined, list);
            break;
          } catch (error) {
            // librdkafka's local queue is full: let it send, then try again.
            if (!String(error).includes('Queue full')) throw error;
            producer.poll();
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }
      }
      await done((callback) => producer.commitTransaction(60_000, callback));
    },
    close: () => new Promise<void>((resolve) => producer.disconnect(resolve)),
  };
}

function buildOnly(): SliceProducer {
  let bytes = 0;
  return {
    async slice(from, to) {
      for (let i = from; i < to; i++) bytes += resultMessage(i).value.length;
    },
    close: async () => void bytes,
  };
}

/** One client's run, in its own process: prints a JSON line with its figures. */
async function runClient(client: Client, topic: string): Promise<void> {
  const producer = await {
    kafkajs: kafkajsProducer,
    'confluent-kafkajs': confluentKafkajsProducer,
    'confluent-native': confluentNativeProducer,
    'build-only': buildOnly,
  }[client](topic);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let from = 0; from < RECORDS; from += SLICE)
    await producer.slice(from, Math.min(RECORDS, from + SLICE));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await producer.close();
  process.stdout.write(
    `${JSON.stringify({ seconds, cpu: (used.user + used.system) / 1e6, peakRss: peakRssMiB() })}\n`,
  );
  process.exit(0);
}

interface Run {
  client: Client;
  seconds: number;
  cpu: number;
  brokerCpu: number;
  peakRss: number;
  complete: boolean;
}

async function measure(client: Client): Promise<Run> {
  const topic = uniqueName('bench-clients');
  scratchTopics(topic);
  await createTopics([topic], PARTITIONS);
  const broker = brokerPid();
  const brokerBefore = cpuSeconds(broker);
  const stdout = execFileSync(
    process.execPath,
    ['--import', 'tsx', __filename, '--client', client, '--topic', topic, '--records', String(RECORDS)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const brokerCpu = cpuSeconds(broker) - brokerBefore;
  const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<
    Run,
    'client' | 'brokerCpu' | 'complete'
  >;
  // Every record, plus one commit marker per transaction and partition.
  const expected = client === 'build-only' ? 0 : RECORDS + Math.ceil(RECORDS / SLICE) * PARTITIONS;
  const written = await offsetsUsed(kafka, topic);
  return { client, ...figures, brokerCpu, complete: written === expected };
}

async function main(): Promise<void> {
  if (args.client !== undefined) return runClient(args.client as Client, args.topic!);
  if (CHOSEN.some((client) => client.startsWith('confluent'))) confluentClientPath();
  const runs: Run[] = [];
  for (let round = 0; round < Number(args.rounds); round++) {
    // Rotated, so that no client always runs first after a quiet pause or last on a warm broker.
    const order = CHOSEN.map((_, i) => CHOSEN[(i + round) % CHOSEN.length]!);
    for (const client of order) {
      const run = await measure(client);
      runs.push(run);
      process.stderr.write(
        `round ${round + 1} ${client}: ${run.seconds.toFixed(2)} s, ${run.cpu.toFixed(2)} s CPU, broker ${run.brokerCpu.toFixed(2)} s${run.complete ? '' : ', RECORDS MISSING'}\n`,
      );
    }
  }
  for (const client of CHOSEN) {
    const mine = runs.filter((run) => run.client === client);
    const list = (pick: (run: Run) => number, digits = 1) =>
      mine.map((run) => pick(run).toFixed(digits)).join(' / ');
    printTable(
      `${client}: ${RECORDS.toLocaleString('en-US')} draw results, transactions of ${SLICE.toLocaleString('en-US')}`,
      [
        [
          'records/s, median',
          Math.round(
            RECORDS /
              percentile(
                mine.map((run) => run.seconds),
                50,
              ),
          ),
        ],
        ['wall s, each round', list((run) => run.seconds, 2)],
        ['CPU µs per record (process), each round', list((run) => (run.cpu / RECORDS) * 1e6)],
        ['broker CPU µs per record, each round', list((run) => (run.brokerCpu / RECORDS) * 1e6)],
        ['peak RSS MiB, each round', list((run) => run.peakRss, 0)],
        ['every record in the topic', mine.every((run) => run.complete) ? 'yes' : 'NO'],
      ],
    );
  }
}

runBench(main);
