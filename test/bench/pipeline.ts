// Benchmark of the pipeline, exactly-once, 8 partitions: (1) activity events/s from the activity topic into
// the ticket wallet (a backlog of stakes, each earning one ticket, drained; the draw trigger behind it proves
// the wallet has them all), and (2) latency from a stake to its ticket-count update at a steady rate, hop by
// hop from the update's timeline.
// --layout apart: each stage in its own `prizedraw start` process; together: the five in one process, each
// its own application (FUSE_STAGES=false); fused: the five in one process, enrichment to the wallet fused;
// split: ingestion in one process, the fused four in another; fused-twice: two fused processes sharing the
// partitions.
// Run: pnpm bench:pipeline [-- --layout apart|together|fused|split|fused-twice --events 100000 --rate 5000 --cpu-prof DIR
//   --node-args=--max-old-space-size=256]
import { decodeEvent, PIPELINE_EVENT_TYPES, parseTimeline, type RunEnd } from '@prizedraw/events';
import { createDeployment } from '../e2e/support/deployment';
import { produce, uniqueName } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { followTopic, until } from './support/follow-topic';
import { benchOptions, listOption } from './support/options';
import { benchDraw, stakeMessages } from './support/pipeline-fixture';
import { runBench, scratchTopics } from './support/run-bench';
import { brokerPid, cpuSeconds, gcPauseSeconds, peakRssMiB, percentile, printTable } from './support/stats';

const STAGES = ['ingestion', 'enrichment', 'dedupe', 'ticket-rules', 'ticket-wallet'];
const args = benchOptions({
  events: { type: 'string', default: '100000' },
  rate: { type: 'string', default: '5000' },
  customers: { type: 'string', default: '20000' },
  // Writes a V8 CPU profile of every stage process into this folder.
  'cpu-prof': { type: 'string' },
  layout: { type: 'string', default: 'apart' },
  // Node flags for the stage processes, e.g. "--max-old-space-size=256" to bound the heap as deploy/k8s does.
  'node-args': { type: 'string', default: '' },
});
const LAYOUTS: Readonly<Record<string, { processes: string[][]; env: Record<string, string> }>> = {
  apart: { processes: STAGES.map((stage) => [stage]), env: {} },
  together: { processes: [STAGES], env: { FUSE_STAGES: 'false' } },
  fused: { processes: [STAGES], env: { FUSE_STAGES: 'true' } },
  // Ingestion in one process, the four fused stages in another: both cores.
  split: { processes: [STAGES.slice(0, 1), STAGES.slice(1)], env: { FUSE_STAGES: 'true' } },
  // Two instances of the fused layout sharing the partitions: how a deployment scales the pipeline out.
  'fused-twice': { processes: [STAGES, STAGES], env: { FUSE_STAGES: 'true' } },
};
const LAYOUT =
  LAYOUTS[args.layout] ??
  (() => {
    throw new Error(`--layout: choose one of ${Object.keys(LAYOUTS).join(', ')}`);
  })();
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const CUSTOMERS = Number(args.customers);
const LATENCY_SECONDS = 10;

const totalCpu = (processes: ServiceProcess[]) =>
  processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid), 0);
const totalGcPause = async (processes: ServiceProcess[]) =>
  (await Promise.all(processes.map((p) => gcPauseSeconds(p.url)))).reduce((sum, seconds) => sum + seconds, 0);

async function main() {
  const deployment = await createDeployment();
  const { env, topics } = deployment;
  scratchTopics(deployment.brand);
  const backlogDraw = benchDraw(uniqueName('backlog'));
  const steadyDraw = benchDraw(uniqueName('steady'));
  await deployment.define(backlogDraw);
  await deployment.define(steadyDraw);
  await produce(topics.activity, stakeMessages(backlogDraw, EVENTS, { customers: CUSTOMERS }));
  await deployment.trigger(backlogDraw.drawId);

  const runEnds: RunEnd[] = [];
  let lastRunEndAt = 0;
  const runs = await followTopic(topics.runs, (messages, at) => {
    for (const m of messages) {
      if (m.headers?.ce_type?.toString() !== PIPELINE_EVENT_TYPES.runEnd) continue;
      const end = decodeEvent({ key: m.key, value: m.value, headers: m.headers }).data as RunEnd;
      if (end.drawId !== backlogDraw.drawId) continue;
      runEnds.push(end);
      lastRunEndAt = at;
    }
  });
  const latencies: number[] = [];
  // Where the time goes: from each stamp of a ticket update's timeline to the next, and from the last (the
  // stage that wrote it) to its reading here, committed.
  const hops = new Map<string, number[]>();
  const addHop = (hop: string, ms: number) => (hops.get(hop) ?? hops.set(hop, []).get(hop)!).push(ms);
  const updates = await followTopic(topics.ticketUpdates, (messages, at) => {
    for (const m of messages) {
      if (m.key?.toString().startsWith('steady-') !== true) continue;
      const timeline = parseTimeline(m.headers?.ce_timeline?.toString() ?? '');
      latencies.push(at - timeline[0]!.at);
      timeline.forEach((stamp, i) => {
        if (i > 0) addHop(`${timeline[i - 1]!.stage} → ${stamp.stage}`, stamp.at - timeline[i - 1]!.at);
      });
      addHop(`${timeline.at(-1)!.stage} → read`, at - timeline.at(-1)!.at);
    }
  });

  const nodeArgs = [
    ...listOption(args['node-args']),
    ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []),
  ];
  // The clock starts when the first process is ready: it drains the backlog from then on, alone until the
  // others join (measured from the last one, two fused processes "did" 46,860 events/s). Each process's CPU
  // counts from its own readiness, the broker's from the first.
  const broker = brokerPid();
  let started = Number.POSITIVE_INFINITY;
  let cpuAtStart = 0;
  let brokerCpuAtStart = 0;
  let gcAtStart = 0;
  const processes = await Promise.all(
    LAYOUT.processes.map(async (stages) => {
      const service = await startServiceProcess(stages, { ...env, ...LAYOUT.env }, { nodeArgs, built: true });
      if (started === Number.POSITIVE_INFINITY) {
        started = Date.now();
        brokerCpuAtStart = cpuSeconds(broker);
      }
      cpuAtStart += cpuSeconds(service.child.pid);
      gcAtStart += await gcPauseSeconds(service.url);
      return service;
    }),
  );
  await until(() => runEnds.length === 8);
  const cpuPerEventUs = ((totalCpu(processes) - cpuAtStart) / EVENTS) * 1e6;
  const brokerCpuPerEventUs = ((cpuSeconds(broker) - brokerCpuAtStart) / EVENTS) * 1e6;
  const gcPerEventUs = (((await totalGcPause(processes)) - gcAtStart) / EVENTS) * 1e6;
  const ticketsInRuns = runEnds.reduce((sum, end) => sum + end.tickets, 0);

  const slice = RATE / 10;
  for (let i = 0; i < LATENCY_SECONDS * 10; i++) {
    const sliceStarted = Date.now();
    const messages = stakeMessages(steadyDraw, slice, {
      customers: CUSTOMERS,
      from: i * slice,
      prefix: 'steady',
    });
    await produce(topics.activity, messages);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - sliceStarted))));
  }
  await until(() => latencies.length >= LATENCY_SECONDS * RATE);
  const rss = processes.map((p) => peakRssMiB(p.child.pid));
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all([runs.stop(), updates.stop()]);

  printTable(
    `pipeline: ingestion → enrichment → dedupe → ticket-rules → ticket-wallet, layout ${args.layout}`,
    [
      ['stage node flags', args['node-args'] || '(none)'],
      ['stakes (backlog), one ticket each', EVENTS],
      ['tickets in the wallet runs (must equal the stakes)', ticketsInRuns],
      ['throughput into the wallet, events/s', Math.round(EVENTS / ((lastRunEndAt - started) / 1000))],
      ['CPU per event, all five stages, µs', Math.round(cpuPerEventUs)],
      ['  the broker, µs', Math.round(brokerCpuPerEventUs)],
      ['  the stages paused for garbage collection, µs', Math.round(gcPerEventUs)],
      [`stake → ticket-count update at ${RATE}/s: p50 ms`, percentile(latencies, 50)],
      ['  p99 ms', percentile(latencies, 99)],
      ...[...hops].map(
        ([hop, ms]) => [`  ${hop}: p50 / p99 ms`, `${percentile(ms, 50)} / ${percentile(ms, 99)}`] as const,
      ),
      ['peak RSS per process, MiB', rss.map((r) => Math.round(r)).join(' / ')],
    ],
  );
}

runBench(main);
