// Benchmark of libs/stream with exactly-once on, 8 partitions: throughput of a pass-through and of the
// stateful counting topology (a backlog drained by the app in its own process, after a warm-up tenth), then
// latency at a steady 5,000 events/s from the binder timestamps. With --instances N, N app processes share the
// application id and split the partitions between them (Node runs a process's JavaScript on one core, so this
// is how a hop uses more than one; Kafka Streams' num.stream.threads is the same idea).
// Run: pnpm bench:stream [-- --events 200000 --only counting --instances 2 --cpu-prof DIR --node-args=…]
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTimeline } from '@prizedraw/events';
import type { Message } from 'kafkajs';
import { buildStakeMessage } from '../../libs/stream/test/support/counting-topology';
import { createTopics, produce, uniqueName, withAdmin } from '../support/kafka';
import { followTopic, until } from './support/follow-topic';
import { benchOptions, listOption } from './support/options';
import { runBench, scratchDirs, scratchTopics } from './support/run-bench';
import { brokerPid, cpuSeconds, peakRssMiB, percentile, printTable } from './support/stats';

const args = benchOptions({
  events: { type: 'string', default: '200000' },
  rate: { type: 'string', default: '5000' },
  // Writes a V8 CPU profile of the app process into this folder (open it in Chrome DevTools).
  'cpu-prof': { type: 'string' },
  only: { type: 'string' },
  instances: { type: 'string', default: '1' },
  // Node flags for the app processes, e.g. --no-allocation-site-pretenuring (what prize-draw's process runs with).
  'node-args': { type: 'string', default: '' },
});
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const INSTANCES = Number(args.instances);
const nodeArgs = listOption(args['node-args']);
const LATENCY_SECONDS = 10;

// App processes still running: killed when the benchmark exits, also when it fails half-way.
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const app of running) app.kill('SIGKILL');
});

function startApp(topology: string, appId: string, input: string, output: string): Promise<ChildProcess> {
  const script = join(__dirname, '../../libs/stream/test/support/run-counting-app.ts');
  return mkdtemp(join(tmpdir(), 'bench-')).then((stateDir) => {
    scratchDirs(stateDir);
    const env = {
      ...process.env,
      COUNT_TOPOLOGY: topology,
      COUNT_INPUT: input,
      COUNT_OUTPUT: output,
      COUNT_APP_ID: appId,
      COUNT_STATE_DIR: stateDir,
    };
    const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
    const child = spawn(process.execPath, [...profile, ...nodeArgs, '--import', 'tsx', script], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
  });
}

function stopApp(app: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (app.exitCode !== null || app.signalCode !== null) return resolve();
    app.once('exit', () => resolve());
    app.kill('SIGTERM');
  });
}

/**
 * Reads committed outputs, noting when each arrived and its timeline header. The header is parsed only when
 * read: the reader shares the two cores with the app, and the throughput window needs arrival times alone.
 */
async function watchOutput(topic: string) {
  const arrivals: { at: number; timeline: Buffer | undefined }[] = [];
  const follower = await followTopic(topic, (messages, at) => {
    for (const m of messages) arrivals.push({ at, timeline: m.headers?.ce_timeline as Buffer | undefined });
  });
  return { arrivals, until: (count: number) => until(() => arrivals.length >= count), stop: follower.stop };
}

// Stakes of about 200 bytes, as an upstream sportsbook sends them: ids of realistic length and fields
// prizedraw does not read (validation drops them), which still travel and are decoded at every hop.
const UPSTREAM_FIELDS = { channel: 'mobile-app', market: 'football/match-odds' };

function stakes(count: number, from: number): Message[] {
  return Array.from({ length: count }, (_, i) =>
    buildStakeMessage({
      accountId: `acc-${String((from + i) % 10_000).padStart(10, '0')}`,
      activityId: randomUUID(),
      promoCode: 'xmas-2026-sportsbook',
      ...UPSTREAM_FIELDS,
    }),
  );
}

async function run(topology: 'pass-through' | 'counting') {
  const input = uniqueName(`bench-in-${topology}`);
  const output = uniqueName(`bench-out-${topology}`);
  await createTopics([input, output], 8);
  const backlog = stakes(EVENTS, 0);
  const eventBytes = backlog.reduce((sum, m) => sum + (m.value as Buffer).length, 0) / backlog.length;
  await produce(input, backlog);
  const reader = await watchOutput(output);
  const appId = uniqueName(`bench-${topology}`);
  scratchTopics(input, output, appId);
  const apps = await Promise.all(
    Array.from({ length: INSTANCES }, () => startApp(topology, appId, input, output)),
  );
  const appCpu = () => apps.reduce((sum, app) => sum + cpuSeconds(app.pid), 0);
  // With several instances the first to join takes every partition until the others join: the window
  // starts once the group is stable with all of them.
  await until(
    () =>
      withAdmin(async (admin) => {
        const [group] = (await admin.describeGroups([appId])).groups;
        return group?.state === 'Stable' && group.members.length === INSTANCES;
      }),
    250,
  );
  // The first tenth warms up (JIT, group join, empty stores) and is left out; a transaction's outputs arrive
  // together, so the window starts at an arrival and counts the events after it.
  await reader.until(EVENTS / 10);
  const warm = reader.arrivals.length;
  const broker = brokerPid();
  const cpuAtWarm = [appCpu(), cpuSeconds(broker)] as const;
  await reader.until(EVENTS);
  const measured = EVENTS - warm;
  const cpuPerEventUs = ((appCpu() - cpuAtWarm[0]) / measured) * 1e6;
  const brokerCpuPerEventUs = ((cpuSeconds(broker) - cpuAtWarm[1]) / measured) * 1e6;
  const throughput = measured / ((reader.arrivals[EVENTS - 1]!.at - reader.arrivals[warm - 1]!.at) / 1000);

  // Steady load: RATE events/s for LATENCY_SECONDS, produced in 100 ms slices.
  const slice = RATE / 10;
  for (let i = 0; i < LATENCY_SECONDS * 10; i++) {
    const started = Date.now();
    await produce(input, stakes(slice, EVENTS + i * slice));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - started))));
  }
  await reader.until(EVENTS + LATENCY_SECONDS * RATE);
  const steady = reader.arrivals
    .slice(EVENTS)
    .map((a) => ({ at: a.at, stamps: parseTimeline(a.timeline?.toString() ?? '') }));
  const visible = steady.map((a) => a.at - a.stamps[0]!.at);
  const inApp = steady.map((a) => a.stamps.at(-1)!.at - a.stamps[0]!.at);
  const rss = Math.max(...apps.map((app) => peakRssMiB(app.pid)));
  // Waited for: a process killed on the benchmark's exit would not write its --cpu-prof profile.
  await Promise.all(apps.map((app) => stopApp(app)));
  await reader.stop();
  const shape = INSTANCES === 1 ? 'one app process' : `${INSTANCES} app processes`;
  printTable(`${topology} topology, exactly-once, 8 partitions, ${shape}`, [
    ['events (backlog)', EVENTS],
    ['  measured, after the warm-up', measured],
    ['event size, bytes (value)', Math.round(eventBytes)],
    ['throughput, events/s', Math.round(throughput)],
    // One decimal: on a machine shared with other work, CPU per event compares better than events/s.
    ['app CPU per event, µs (user + system, all app processes)', Math.round(cpuPerEventUs * 10) / 10],
    ['broker CPU per event, µs (serving the app and the reader)', Math.round(brokerCpuPerEventUs * 10) / 10],
    [`latency at ${RATE}/s, occurred → committed & read: p50 ms`, percentile(visible, 50)],
    ['  p99 ms', percentile(visible, 99)],
    ['latency, occurred → produced by the app: p50 ms', percentile(inApp, 50)],
    ['  p99 ms', percentile(inApp, 99)],
    ['app peak RSS, MiB (largest app process)', Math.round(rss)],
  ]);
}

async function main() {
  if (args.only !== 'counting') await run('pass-through');
  if (args.only !== 'pass-through') await run('counting');
}

runBench(main);
