// Benchmark of the draw definitions table in the services that hold it (`startDefinitionsTable` in
// libs/service, every definition of the compacted `{brand}.draw.definitions` topic kept in memory; sca-export
// keeps only what it uses of each, `startDefinitionsIndex`) with many
// SCA contests: --definitions prizedraw.draw-defined.v1 records (130,000 by default, about the scheduler
// benchmark's 2,000 contests over six months) written to a fresh brand's definitions topic as the scheduler
// writes them: its own `drawDefinitionOf`, consecutive daily periods of --contests contests (of each, the
// last nine are today's and the next eight days'), 500 a send from the `/prizedraw/scheduler` source. Then
// each service that reads the table is started in turn as a process of the built CLI, on the local stack's
// broker and a MariaDB database of its own: ingestion, enrichment, dedupe, prize-draw, sca-export, console
// (--services picks some). A process's /health/ready answers only once every service of it started, and each
// awaits the table caught up with the topic in its start, so spawn → ready is the time it took to read the
// table (and start the rest).
// Per service: node flags, spawn → ready, CPU seconds and peak RSS up to ready, V8 heap used at ready (its
// /metrics: garbage not collected yet included, so not the live heap), the load average at its
// start and end, and the outcome; a process that dies (out of heap: a signal) or is not ready within 10
// minutes is reported with how long it ran and its last figures (sampled every 100 ms), and the benchmark
// goes on with the next service. Once ready, the console is asked for its list of draws (`GET
// /v1/console/draws`, what its page asks for on load: status, draws, size, time, its peak RSS then), and
// ingestion is sent one stake, timed until its offset is committed (each task's parking lot first looks at
// every draw of the table).
// Run (stack up, `eval "$(deploy/local/stack env)"`):
//   pnpm bench:definitions [-- --definitions 130000 --contests 2000 --services ingestion,console
//   --node-args=k8s]
// --node-args are the services' node flags (space-separated), or `k8s` for each one's in deploy/k8s.
// KEEP_BENCH_DATA=1 keeps the brand's topics, the database (its name is printed) and the state folders.

import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Contest, parseContestRow } from '@prizedraw/contests';
import { createDataCodec, type DrawDefined, EVENT_TYPES } from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { drawDefinitionOf, periodsToDefine } from '@prizedraw/scheduler';
import {
  baseConfigSchema,
  createEventProducer,
  type EventToProduce,
  ensurePipelineTopics,
  parseConfig,
  topicsOf,
} from '@prizedraw/service';
import { buildContestRow } from '../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../libs/compliance-db/test/support/test-database';
import { TEST_SECRET } from '../../services/onsite-gateway/test/support/start-gateway';
import { metric } from '../../services/scheduler/test/support/scheduler-fixtures';
import { offsetsUsed } from '../chaos/support/topic-progress';
import { committedTotal, kafka, produce, uniqueName, withAdmin } from '../support/kafka';
import { startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { benchOptions, builtServiceOptions, flagsText, nodeArgsOf } from './support/options';
import { eventMessage } from './support/pipeline-fixture';
import { runBench, scratchDirs, scratchTopics } from './support/run-bench';
import {
  cpuSeconds,
  loadAverage,
  type ProcessUsage,
  peakRssMiB,
  printTable,
  sampleUsage,
} from './support/stats';

const TABLE_SERVICES = ['ingestion', 'enrichment', 'dedupe', 'prize-draw', 'sca-export', 'console'];
const args = benchOptions({
  definitions: { type: 'string', default: '130000' },
  contests: { type: 'string', default: '2000' },
  'node-args': { type: 'string', default: '' },
  services: { type: 'string', default: TABLE_SERVICES.join(',') },
});
const DEFINITIONS = Number(args.definitions);
const CONTESTS = Number(args.contests);
const SERVICES = args.services.split(',').filter(Boolean);
for (const service of SERVICES)
  if (!TABLE_SERVICES.includes(service))
    throw new Error(
      `--services: ${service} holds no definitions table; choose from ${TABLE_SERVICES.join(',')}`,
    );
// As the scheduler sends them: more in one send is a record batch above the broker's message.max.bytes.
const DEFINITIONS_PER_SEND = 500;
const READY_TIMEOUT_MS = 600_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const TIME_ZONES = ['UTC', 'America/New_York', 'Europe/London'];
const brand = uniqueName('bench-defs').toLowerCase();
// The services' settings beside the stack's (`deploy/local/stack env`), and what the benchmark reads of them.
const ENV = { BRAND: brand, PARTITIONS: '8' };
const CONFIG = parseConfig(baseConfigSchema, { ...process.env, ...ENV });
const TOPICS = topicsOf(CONFIG);
const tokens = new ApiTokens(new TokenSecret(Buffer.from(TEST_SECRET)));
const OPERATOR = `Bearer ${tokens.issue({ role: 'operator', subject: 'bench', ttlSeconds: 3600 })}`;
scratchTopics(brand);

/** Contest `n`, daily, starting `days` days ago and running for a year yet. */
function contestOf(n: number, days: number): Contest {
  const date = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
  const parsed = parseContestRow(
    buildContestRow({
      consumer_pathways_contest_id: n + 1,
      utm_content: `${brand}-${n}`,
      human_readable_name: `Bench contest ${n}`,
      frequency: 'daily',
      timezone: TIME_ZONES[n % TIME_ZONES.length]!,
      start_date: date(-days),
      end_date: date(365),
      dedupe_on_email: n % 4 === 0 ? 1 : 0,
      site: String(2000 + (n % 20)),
    }),
  );
  if (!parsed.ok) throw new Error(`contest ${n}: ${parsed.reason}`);
  return parsed.contest;
}

/**
 * The definitions, contest by contest, each contest its share of --definitions: the last of the periods the
 * scheduler defines at `asOf` (those closed, the current one and the next eight days').
 */
function* definitionsAsOf(asOf: Date): Generator<DrawDefined> {
  for (let n = 0; n < CONTESTS; n++) {
    const periods = Math.floor(DEFINITIONS / CONTESTS) + (n < DEFINITIONS % CONTESTS ? 1 : 0);
    const contest = contestOf(n, periods);
    const toDefine = periodsToDefine(contest, asOf).slice(-periods);
    if (toDefine.length < periods)
      throw new Error(`contest ${n}: ${toDefine.length} periods, not ${periods}`);
    for (const period of toDefine) yield drawDefinitionOf(contest, period);
  }
}

/** Writes the definitions as the scheduler's sync does: CloudEvents keyed by draw id, 500 a send. */
async function writeDefinitions(): Promise<void> {
  const producer = await createEventProducer({
    brokers: CONFIG.KAFKA_BROKERS,
    clientId: 'bench-definitions',
    source: '/prizedraw/scheduler',
    dataCodec: await createDataCodec({ schemaRegistryUrl: CONFIG.SCHEMA_REGISTRY_URL }),
  });
  const topic = TOPICS.definitions;
  try {
    let pending: EventToProduce[] = [];
    for (const draw of definitionsAsOf(new Date())) {
      pending.push({ type: EVENT_TYPES.drawDefined, key: draw.drawId, data: draw });
      if (pending.length < DEFINITIONS_PER_SEND) continue;
      await producer.send(topic, pending);
      pending = [];
    }
    if (pending.length > 0) await producer.send(topic, pending);
  } finally {
    await producer.close();
  }
}

/** One service's start-up with the table. */
interface ServiceStart extends ProcessUsage {
  service: string;
  flags: string[];
  /** Spawn → ready; undefined for a process that was not ready (its outcome says how long it ran). */
  readySeconds: number | undefined;
  heapUsedMiB: number | undefined;
  loads: string[];
  outcome: string;
  /** What the service's probe (below) saw once it was ready: a row of the table. */
  probed?: [string, string];
}

/**
 * What is asked of a service once it is ready, where the number of draws matters beyond the start: the
 * console's list of draws, as its page asks on load, and ingestion's first activity record, before which each
 * of its tasks looks through its parking lot for every draw of the table.
 */
const PROBES: Readonly<Record<string, (url: string, pid: number) => Promise<[string, string]>>> = {
  console: requestDrawList,
  ingestion: firstActivityRecord,
};

/** Asks the console at `url` (process `pid`) for its list of draws; what it answered and what it cost. */
async function requestDrawList(url: string, pid: number): Promise<[string, string]> {
  const label = 'console: GET /v1/console/draws';
  const asked = Date.now();
  try {
    const response = await fetch(`${url}/v1/console/draws`, { headers: { authorization: OPERATOR } });
    const body = await response.text();
    const seconds = (Date.now() - asked) / 1000;
    const draws = response.ok ? (JSON.parse(body) as { draws: unknown[] }).draws.length : 0;
    const answer = `HTTP ${response.status}, ${draws.toLocaleString('en-US')} draws, ${(body.length / 1e3).toFixed(1)} kB`;
    return [label, `${answer} in ${seconds.toFixed(2)} s; peak RSS then ${peakRssMiB(pid).toFixed(0)} MiB`];
  } catch (error) {
    // No answer: the console died under the request (out of heap, as it did with every draw in one list).
    return [label, `${(error as Error).message} after ${((Date.now() - asked) / 1000).toFixed(1)} s`];
  }
}

/** Sends ingestion (process `pid`) one stake of the first contest and times it to its offset committed. */
async function firstActivityRecord(_url: string, pid: number): Promise<[string, string]> {
  const sent = Date.now();
  const accountId = 'acc-1';
  const stake = {
    accountId,
    promoCode: `${brand}-0`,
    activityId: randomUUID(),
    stakeMinor: 500,
    currency: 'GBP',
  };
  await produce(TOPICS.activity, [eventMessage(EVENT_TYPES.stake, accountId, stake)]);
  // Its offset is committed in the transaction that processed it.
  const committed = () => committedTotal(`prizedraw-${brand}-ingestion`, TOPICS.activity);
  await waitUntil('ingestion commits the stake', async () => (await committed()) >= 1, {
    timeoutMs: READY_TIMEOUT_MS,
    everyMs: 50,
  });
  const seconds = (Date.now() - sent) / 1000;
  const cpu = cpuSeconds(pid);
  return [
    'ingestion: one stake sent → committed',
    `${seconds.toFixed(2)} s (its CPU seconds then ${cpu.toFixed(1)})`,
  ];
}

/** Starts `service` in a process of its own, measures it until it is ready (or dies), and stops it. */
async function measureStart(service: string, env: Record<string, string>): Promise<ServiceStart> {
  const flags = nodeArgsOf(args['node-args'], service);
  const loads = [loadAverage()];
  const started = Date.now();
  let ended: number | undefined;
  let sampler: ReturnType<typeof sampleUsage> | undefined;
  let pid = 0;
  const onSpawn = (child: ChildProcess) => {
    pid = child.pid!;
    sampler = sampleUsage(pid);
    child.once('exit', () => {
      ended ??= Date.now();
    });
  };
  const options = { ...builtServiceOptions(service, flags), readyTimeoutMs: READY_TIMEOUT_MS, onSpawn };
  try {
    const running = await startServiceProcess([service], env, options);
    const readySeconds = (Date.now() - started) / 1000;
    const usage = sampler!.stop();
    const heapBytes = await metric({ url: running.url, close: running.stop }, 'nodejs_heap_size_used_bytes');
    const probed = await PROBES[service]?.(running.url, pid);
    loads.push(loadAverage());
    await running.stop();
    const heapUsedMiB = heapBytes / 2 ** 20;
    return { service, flags, readySeconds, ...usage, heapUsedMiB, loads, outcome: 'ready', probed };
  } catch (error) {
    // startServiceProcess says how it ended: exited with a code or a signal (SIGABRT: out of heap), or not ready.
    const seconds = ((ended ?? Date.now()) - started) / 1000;
    const usage = sampler?.stop() ?? { peakRssMiB: Number.NaN, cpuSeconds: Number.NaN };
    loads.push(loadAverage());
    const outcome = `${(error as Error).message}, ${seconds.toFixed(1)} s after spawn`;
    return { service, flags, readySeconds: undefined, ...usage, heapUsedMiB: undefined, loads, outcome };
  }
}

/** The table's rows: a header, then one row a service, its figures in aligned columns. */
function serviceRows(starts: readonly ServiceStart[]): [string, string][] {
  const flagsWidth = Math.max(10, ...starts.map((start) => flagsText(start.flags).length));
  const header = [
    'node flags'.padEnd(flagsWidth),
    'ready s',
    'CPU s',
    'peak RSS MiB',
    'heap used MiB',
    'load start → end',
  ];
  const row = (start: ServiceStart) => [
    flagsText(start.flags).padEnd(flagsWidth),
    (start.readySeconds?.toFixed(1) ?? '-').padStart(header[1]!.length),
    start.cpuSeconds.toFixed(1).padStart(header[2]!.length),
    start.peakRssMiB.toFixed(0).padStart(header[3]!.length),
    (start.heapUsedMiB?.toFixed(0) ?? '-').padStart(header[4]!.length),
    start.loads.join(' → ').padEnd(header[5]!.length),
    start.outcome,
  ];
  return [
    ['service', [...header, 'outcome'].join('  ')],
    ...starts.map((start): [string, string] => [start.service, row(start).join('  ')]),
  ];
}

async function main(): Promise<void> {
  const db = await freshDatabase();
  const work = await mkdtemp(join(tmpdir(), 'bench-defs-'));
  scratchDirs(work);
  const serviceEnv: Readonly<Record<string, Record<string, string>>> = {
    ingestion: { MYSQL_URL: db.url },
    'sca-export': {
      MYSQL_URL: db.url,
      EXPORT_DIR: join(work, 'exports'),
      FTP_REMOTE_DIR: `/bench-${brand}`,
      S3_KEY_PREFIX: `bench/${brand}/`,
    },
    console: { MYSQL_URL: db.url, API_TOKEN_SECRET: TEST_SECRET },
  };
  try {
    // The topics as the services make them (the definitions compacted).
    await withAdmin((admin) => ensurePipelineTopics(admin, CONFIG));
    const writing = Date.now();
    await writeDefinitions();
    const writeSeconds = (Date.now() - writing) / 1000;
    const onTopic = await offsetsUsed(kafka, TOPICS.definitions);
    if (onTopic !== DEFINITIONS) throw new Error(`${onTopic} records on the topic, ${DEFINITIONS} written`);
    process.stderr.write(`${DEFINITIONS} definitions written in ${writeSeconds.toFixed(1)} s\n`);

    const starts: ServiceStart[] = [];
    for (const service of SERVICES) {
      const start = await measureStart(service, { ...ENV, ...serviceEnv[service] });
      process.stderr.write(`${service}: ${start.outcome}\n`);
      starts.push(start);
    }

    const count = (n: number) => n.toLocaleString('en-US');
    printTable(
      `definitions table: ${count(DEFINITIONS)} definitions of ${count(CONTESTS)} daily SCA contests, ` +
        `each service started alone`,
      [
        ['definitions written (s)', writeSeconds.toFixed(1)],
        ...serviceRows(starts),
        ...starts.flatMap(({ probed }) => (probed ? [probed] : [])),
      ],
    );
  } finally {
    if (process.env.KEEP_BENCH_DATA === '1') process.stderr.write(`kept the database ${db.database}\n`);
    else await db.drop();
  }
}

runBench(main);
