// Benchmark of the SCA contest scheduler's memory and time with many contests: N contests (half daily, half
// weekly, in three time zones) running since 1 to --months months before now, in a fresh MariaDB database of
// their own and a brand of their own. Three phases against the local stack, each a process of the built CLI:
//   1. start-up sync: `prizedraw start scheduler` (its crons set not to fire) defines every period of every
//      contest on the definitions topic; from spawn to the last definition read back from the topic;
//   2. a run: `prizedraw scheduler run --as-of NOW` reads the definitions topic, syncs (nothing new) and
//      triggers every period that ended in the 7 days before; from spawn to exit;
//   3. the same run again: nothing new to define or trigger; it must send nothing.
// Every expected definition and trigger is counted on its topic (each exactly once; the expected ones computed
// here from the contests with the scheduler's own processors); the table gives each process's time, peak RSS
// and CPU seconds (the runs' from /usr/bin/time). The machine may be shared: each phase prints the load
// average at its start and end.
// Run (stack up, `eval "$(deploy/local/stack env)"`):
//   pnpm bench:scheduler [-- --contests 2000 --months 6 --node-args=k8s --log-level info]
// --node-args are the node flags of the scheduler's processes (space-separated), or `k8s` for deploy/k8s's.
// --log-level is the processes' LOG_LEVEL, info by default as deployed: the sync then logs every draw id it
// defined on one line (megabytes on stdout at the default size; redirect it, or pass warn).
// KEEP_BENCH_DATA=1 keeps the contests' database (its name is printed), the topics and the state folder.
// The scheduler keeps a digest per definition of the topic, not the definition: with --node-args=k8s
// (--max-old-space-size=96) the default 130,000 definitions pass (they ran out of heap when it kept them
// decoded); a process that dies fails the benchmark, naming how many definitions reached the topic.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComplianceDbPool, ContestRepository } from '@prizedraw/compliance-db';
import { scaDrawId } from '@prizedraw/contests';
import { topicNames } from '@prizedraw/events';
import { periodsToDefine, periodsToTrigger } from '@prizedraw/scheduler';
import { baseConfigSchema, ensurePipelineTopics, parseConfig } from '@prizedraw/service';
import type { KafkaMessage } from 'kafkajs';
import { insertContestRow } from '../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../libs/compliance-db/test/support/test-database';
import { metric, recordedTriggers } from '../../services/scheduler/test/support/scheduler-fixtures';
import { offsetsUsed } from '../chaos/support/topic-progress';
import { kafka, uniqueName, withAdmin } from '../support/kafka';
import { startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { followTopic } from './support/follow-topic';
import { benchOptions, flagsText, nodeArgsOf } from './support/options';
import { runBench, scratchDirs, scratchTopics } from './support/run-bench';
import { cpuSeconds, loadAverage, peakRssMiB, printTable } from './support/stats';

const args = benchOptions({
  contests: { type: 'string', default: '2000' },
  months: { type: 'string', default: '6' },
  partitions: { type: 'string', default: '8' },
  'node-args': { type: 'string', default: '' },
  'log-level': { type: 'string', default: 'info' },
});
const CONTESTS = Number(args.contests);
const MONTHS = Number(args.months);
const FLAGS = nodeArgsOf(args['node-args'], 'scheduler');
const CLI_BUILT = join(__dirname, '../../services/cli/dist/main.js');
const DAY_MS = 24 * 60 * 60 * 1000;
// Crons that do not fire while the benchmark runs (January 1st): the processes sync at start-up only.
const NEVER_SOON = '0 0 1 1 *';
const TIME_ZONES = ['UTC', 'America/New_York', 'Europe/London'];
const brand = uniqueName('bench-sched').toLowerCase();
const topics = topicNames({ brand });
scratchTopics(brand);

/** `YYYY-MM-DD` of `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** The contests: every other one daily, starting evenly spread from 1 to MONTHS months ago, ending in 3 months. */
async function insertContests(pool: ComplianceDbPool, prefix: string): Promise<void> {
  for (let from = 0; from < CONTESTS; from += 50) {
    const rows = Array.from({ length: Math.min(50, CONTESTS - from) }, (_, k) => from + k);
    await Promise.all(
      rows.map((n) =>
        insertContestRow(pool, {
          utm_content: `${prefix}-${n}`,
          human_readable_name: `Bench contest ${n}`,
          frequency: n % 2 === 0 ? 'daily' : 'weekly',
          timezone: TIME_ZONES[n % TIME_ZONES.length]!,
          start_date: day(-30 - Math.floor((n / CONTESTS) * 30 * (MONTHS - 1))),
          end_date: day(90),
          dedupe_on_email: n % 4 === 0 ? 1 : 0,
          site: String(2000 + (n % 20)),
        }),
      ),
    );
  }
}

/** The draw ids the scheduler should have defined, and those it should trigger, as of `asOf`. */
async function expectedDraws(
  pool: ComplianceDbPool,
  asOf: Date,
): Promise<{ defined: string[]; due: string[] }> {
  const { contests, rejected } = await new ContestRepository(pool).listContests();
  if (rejected.length > 0) throw new Error(`contest rows rejected: ${JSON.stringify(rejected.slice(0, 3))}`);
  return {
    defined: contests.flatMap((contest) =>
      periodsToDefine(contest, asOf).map((period) => scaDrawId(contest, period)),
    ),
    due: periodsToTrigger(contests, asOf).map((draw) => draw.drawId),
  };
}

/** Counts the records of a topic per key (the draw id) as they arrive. */
async function countKeys(topic: string) {
  const counts = new Map<string, number>();
  const follower = await followTopic(topic, (messages: readonly KafkaMessage[]) => {
    for (const message of messages) {
      const key = message.key!.toString();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
  return { counts, stop: follower.stop };
}

/** Fails unless `counts` holds exactly the `expected` keys, each once. */
function expectEachOnce(what: string, counts: Map<string, number>, expected: readonly string[]): void {
  const wanted = new Set(expected);
  const missing = expected.filter((key) => !counts.has(key));
  const extra = [...counts.keys()].filter((key) => !wanted.has(key));
  const repeated = [...counts].filter(([, count]) => count !== 1);
  if (missing.length + extra.length + repeated.length > 0 || counts.size !== expected.length) {
    throw new Error(
      `${what}: ${expected.length} expected, ${counts.size} on the topic; missing ${missing.slice(0, 5)}, ` +
        `unexpected ${extra.slice(0, 5)}, more than once ${JSON.stringify(repeated.slice(0, 5))}`,
    );
  }
}

/** Offsets used on the definitions and triggers topics: a run that sends nothing leaves them as they were. */
const offsetsSent = async () =>
  (await offsetsUsed(kafka, topics.definitions)) + (await offsetsUsed(kafka, topics.triggers));

interface CliRun {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  defined: number;
  triggered: number;
  alreadyTriggered: number;
}

/** `prizedraw scheduler run --as-of` in a process of its own, measured by /usr/bin/time. */
async function schedulerRun(env: Record<string, string>, asOf: Date, work: string): Promise<CliRun> {
  const timeFile = join(work, `time-${Date.now()}`);
  const command = [process.execPath, ...FLAGS, CLI_BUILT, 'scheduler', 'run', '--as-of', asOf.toISOString()];
  const started = Date.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, ...command], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`scheduler run exited with ${code}:\n${output.slice(-2000)}`);
  const [user, system, maxKiB] = (await readFile(timeFile, 'utf8')).trim().split(/\s+/).slice(-3).map(Number);
  const count = (pattern: RegExp) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`scheduler run: no ${pattern} in its output:\n${output.slice(-2000)}`);
    return Number(match[1]);
  };
  return {
    seconds,
    cpuSeconds: user! + system!,
    peakRssMiB: maxKiB! / 1024,
    defined: count(/^defined (\d+) draw/m),
    triggered: count(/^triggered (\d+) draw/m),
    alreadyTriggered: count(/^already triggered: (\d+)/m),
  };
}

async function main(): Promise<void> {
  const db = await freshDatabase();
  const work = await mkdtemp(join(tmpdir(), 'bench-sched-'));
  scratchDirs(work);
  const env = {
    BRAND: brand,
    PARTITIONS: args.partitions,
    MYSQL_URL: db.url,
    LOG_LEVEL: args['log-level'],
    STATE_DIR: join(work, 'state'),
  };
  // The service's topics as it makes them (the definitions compacted), made first to follow them from the start.
  await withAdmin((admin) =>
    ensurePipelineTopics(admin, parseConfig(baseConfigSchema, { ...process.env, ...env })),
  );
  const definitions = await countKeys(topics.definitions);
  try {
    const inserting = Date.now();
    await insertContests(db.pool, brand);
    const insertSeconds = (Date.now() - inserting) / 1000;

    // 1. The service's start-up sync.
    const syncAsOf = new Date();
    const expected = await expectedDraws(db.pool, syncAsOf);
    const syncLoad = [loadAverage()];
    const started = Date.now();
    const service = await startServiceProcess(
      ['scheduler'],
      { ...env, SCHEDULER_CRON: NEVER_SOON, CONTEST_SYNC_CRON: NEVER_SOON },
      { built: true, nodeArgs: FLAGS, readyTimeoutMs: 300_000 },
    );
    const readySeconds = (Date.now() - started) / 1000;
    await waitUntil(
      `${expected.defined.length} definitions on ${topics.definitions}`,
      async () => {
        const { exitCode, signalCode } = service.child;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (exitCode !== null || signalCode !== null)
          throw new Error(
            `the scheduler exited with ${exitCode ?? signalCode} ${seconds} s after its start, ` +
              `${definitions.counts.size} of ${expected.defined.length} definitions on the topic`,
          );
        const running = { url: service.url, close: service.stop };
        // A process that just died answers no more: the next look finds it exited.
        const failures = await metric(running, 'prizedraw_scheduler_failures_total').catch(() => 0);
        if (failures > 0) throw new Error(`the scheduler's sync failed ${failures} time(s) (see its log)`);
        return definitions.counts.size >= expected.defined.length;
      },
      { timeoutMs: 1_800_000, everyMs: 100 },
    );
    const syncSeconds = (Date.now() - started) / 1000;
    const serviceCpu = cpuSeconds(service.child.pid);
    const serviceRss = peakRssMiB(service.child.pid);
    syncLoad.push(loadAverage());
    await service.stop();
    expectEachOnce('definitions', definitions.counts, expected.defined);

    // 2. A run: triggers every period that ended in the week before.
    const runAsOf = new Date();
    const due = await expectedDraws(db.pool, runAsOf);
    if (due.defined.length !== expected.defined.length)
      throw new Error(
        'a period began while the benchmark ran (a day boundary in a contest time zone): run it again',
      );
    const triggers = await countKeys(topics.triggers);
    const runLoad = [loadAverage()];
    const run = await schedulerRun(env, runAsOf, work);
    runLoad.push(loadAverage());
    await waitUntil(
      `${due.due.length} triggers on ${topics.triggers}`,
      () => triggers.counts.size >= due.due.length,
    );
    expectEachOnce('triggers', triggers.counts, due.due);
    if (run.defined !== 0 || run.triggered !== due.due.length)
      throw new Error(
        `run: defined ${run.defined} (0 expected), triggered ${run.triggered} (${due.due.length})`,
      );
    const recorded = (await recordedTriggers(db.pool)).length;
    if (recorded !== due.due.length)
      throw new Error(`${recorded} triggers recorded, ${due.due.length} expected`);

    // 3. The same run again: nothing to send.
    const sentBefore = await offsetsSent();
    const againLoad = [loadAverage()];
    const again = await schedulerRun(env, runAsOf, work);
    againLoad.push(loadAverage());
    const sentAfter = await offsetsSent();
    if (again.defined + again.triggered !== 0 || sentAfter !== sentBefore)
      throw new Error(
        `second run sent ${sentAfter - sentBefore} record(s): defined ${again.defined}, triggered ${again.triggered}`,
      );
    if (again.alreadyTriggered !== due.due.length)
      throw new Error(`second run: ${again.alreadyTriggered} already triggered, ${due.due.length} expected`);
    await triggers.stop();

    const count = (n: number) => n.toLocaleString('en-US');
    printTable(
      `scheduler: ${count(CONTESTS)} contests (half daily, half weekly) since 1-${MONTHS} months, ` +
        `${count(expected.defined.length)} definitions, ${count(due.due.length)} triggers`,
      [
        ['contests inserted (s)', insertSeconds],
        ['node flags / LOG_LEVEL', `${flagsText(FLAGS)} / ${args['log-level']}`],
        ['1. start-up sync: spawn → ready (s)', readySeconds],
        ['1. start-up sync: spawn → every definition on the topic (s)', syncSeconds],
        ['1. definitions/s', expected.defined.length / syncSeconds],
        ['1. scheduler peak RSS MiB / CPU s', `${serviceRss.toFixed(0)} / ${serviceCpu.toFixed(1)}`],
        ['1. load average (1 min) at start → end', syncLoad.join(' → ')],
        ['2. run: triggers sent (each once on the topic)', run.triggered],
        ['2. run: spawn → exit (s)', run.seconds],
        ['2. run peak RSS MiB / CPU s', `${run.peakRssMiB.toFixed(0)} / ${run.cpuSeconds.toFixed(1)}`],
        ['2. load average (1 min) at start → end', runLoad.join(' → ')],
        ['3. run again (nothing sent): spawn → exit (s)', again.seconds],
        [
          '3. run again peak RSS MiB / CPU s',
          `${again.peakRssMiB.toFixed(0)} / ${again.cpuSeconds.toFixed(1)}`,
        ],
        ['3. load average (1 min) at start → end', againLoad.join(' → ')],
      ],
    );
  } finally {
    await definitions.stop();
    if (process.env.KEEP_BENCH_DATA === '1') process.stderr.write(`kept the contests in ${db.database}\n`);
    else await db.drop();
    await rm(work, { recursive: true, force: true });
  }
}

runBench(main);
