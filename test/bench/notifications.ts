// Benchmark of telling customers: one draw's results through notifications (with decisions over HTTP) to the
// onsite gateway, with customers online on open SSE connections, or to the message queue topic. Three
// processes of the built CLI on the local stack's broker — decisions, onsite-gateway, notifications — and the
// customers' connections in this one. Two phases, each a draw of its own for the same customers: as fast as
// the results can be produced (messages/s), then at a fixed rate (result → browser-visible latency at that
// rate). Gateway RSS per open connection: the gateway's resident memory before and after the connections open;
// then each process's peak RSS over the whole run.
// The machine may be shared: each phase prints the load average at its start and end, and the CPU each service
// spent per 1,000 messages, which other load changes less than messages/s.
// Run (stack up, `eval "$(deploy/local/stack env)"`):
//   pnpm bench:notifications [-- --results 100000 --online 10000 --rate 2000 --cpu-prof DIR
//   --node-args=--max-old-space-size=256]
// --cpu-prof writes a CPU profile of each service process into DIR/<service> when it stops; --node-args are
// node flags of the three service processes (space-separated), or `k8s` for each one's in deploy/k8s.

import { readFileSync } from 'node:fs';
import { topicNames } from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { Partitioners } from 'kafkajs';
import { drawResultMessages } from '../../services/notifications/test/support/draw-result-messages';
import { kafka, uniqueName } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { openCustomerStreams } from './support/customer-streams';
import { benchOptions, builtServiceOptions, flagsText, nodeArgsOf } from './support/options';
import { runBench, scratchTopics } from './support/run-bench';
import { cpuSeconds, loadAverage, peakRssMiB, percentile, printTable } from './support/stats';

const args = benchOptions({
  results: { type: 'string', default: '100000' },
  online: { type: 'string', default: '10000' },
  rate: { type: 'string', default: '2000' },
  partitions: { type: 'string', default: '8' },
  'node-args': { type: 'string', default: '' },
  'cpu-prof': { type: 'string' },
});
const RESULTS = Number(args.results);
const SERVICES = ['notifications', 'decisions', 'onsite-gateway'] as const;
const FLAGS = Object.fromEntries(
  SERVICES.map((service) => [service, nodeArgsOf(args['node-args'], service)]),
);
const ONLINE = Number(args.online);
const RATE = Number(args.rate);
const SECRET = 'the benchmark secret, at least thirty-two bytes long';
const brand = uniqueName('bench-ntf').toLowerCase();
const topics = topicNames({ brand });
scratchTopics(brand);
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const customerId = (i: number) => `c-${i}`;

/** Resident memory of a process now, in KiB. */
const rssKiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);

async function told(notifications: ServiceProcess): Promise<number> {
  const text = await (await fetch(`${notifications.url}/metrics`)).text();
  return [
    ...text.matchAll(
      /^prizedraw_notifications_messages_total\{outcome="(?:delivered|queued)"[^}]*\} (\d+)$/gm,
    ),
  ]
    .map((match) => Number(match[1]))
    .reduce((sum, value) => sum + value, 0);
}

/**
 * How many batches notifications' stream application ran and their seconds in all (the runtime's histogram),
 * and how many of its transactions were aborted (each a batch processed again, its messages posted again).
 */
async function batchFigures(
  notifications: ServiceProcess,
): Promise<{ count: number; seconds: number; aborted: number }> {
  const text = await (await fetch(`${notifications.url}/metrics`)).text();
  const value = (metric: string) =>
    Number(new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const application = 'application="[^"]*-notifications"';
  return {
    count: value(`prizedraw_stream_batch_seconds_count\\{${application}\\}`),
    seconds: value(`prizedraw_stream_batch_seconds_sum\\{${application}\\}`),
    aborted: value(`prizedraw_stream_transactions_total\\{${application},outcome="aborted"\\}`) || 0,
  };
}

async function main(): Promise<void> {
  const common = { BRAND: brand, PARTITIONS: args.partitions, API_TOKEN_SECRET: SECRET, LOG_LEVEL: 'error' };
  const options = (service: (typeof SERVICES)[number]) =>
    builtServiceOptions(service, FLAGS[service]!, args['cpu-prof']);
  const gateway = await startServiceProcess(['onsite-gateway'], common, options('onsite-gateway'));
  const decisions = await startServiceProcess(['decisions'], common, options('decisions'));
  const notifications = await startServiceProcess(
    ['notifications'],
    { ...common, DECISIONS_URL: decisions.url, ONSITE_GATEWAY_URL: gateway.url },
    options('notifications'),
  );
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    const gatewayPid = gateway.child.pid!;
    const rssBefore = rssKiB(gatewayPid);
    const sentAt = new Map<string, number>();
    // The first arrival of each message, as the page shows it; a repeat (same id, after a batch was processed
    // again) is counted apart.
    const latencies = new Map<string, number>();
    let repeats = 0;
    let measuring = false;
    const online = Array.from({ length: ONLINE }, (_, i) => customerId(i));
    await openCustomerStreams(gateway.url, tokens, online, (_customer, at, data) => {
      const { source } = JSON.parse(data) as { source: { id: string } };
      const sent = sentAt.get(source.id);
      if (!measuring || sent === undefined) return;
      if (latencies.has(source.id)) repeats += 1;
      else latencies.set(source.id, at - sent);
    });
    const rssAfter = rssKiB(gatewayPid);

    // Phase 1: as fast as the results come.
    const first = drawResultMessages('bench-a', RESULTS, { customerId });
    const cpuBefore = [notifications, decisions, gateway].map((p) => cpuSeconds(p.child.pid!));
    const firstLoad = [loadAverage()];
    const started = Date.now();
    for (let i = 0; i < first.length; i += 5_000) {
      await producer.send({ topic: topics.results, messages: first.slice(i, i + 5_000), acks: -1 });
    }
    await waitUntil('every result told', async () => (await told(notifications)) >= RESULTS, {
      timeoutMs: 3_600_000,
      everyMs: 250,
    });
    const seconds = (Date.now() - started) / 1000;
    const batches = await batchFigures(notifications);
    const cpu = [notifications, decisions, gateway].map((p, k) => cpuSeconds(p.child.pid!) - cpuBefore[k]!);
    firstLoad.push(loadAverage());

    // Phase 2: at a fixed rate, result → browser-visible for the customers online.
    const second = drawResultMessages('bench-b', RESULTS, { customerId });
    measuring = true;
    const secondLoad = [loadAverage()];
    const slice = Math.max(1, Math.round(RATE / 10));
    const rateStart = Date.now();
    for (let i = 0; i < second.length; i += slice) {
      const due = rateStart + (i / RATE) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const chunk = second.slice(i, i + slice);
      const now = Date.now();
      for (let j = 0; j < chunk.length; j++) sentAt.set(`bench-b:result:${customerId(i + j)}`, now);
      await producer.send({ topic: topics.results, messages: chunk, acks: -1 });
    }
    await waitUntil('every result of phase 2 told', async () => (await told(notifications)) >= 2 * RESULTS, {
      timeoutMs: 3_600_000,
      everyMs: 250,
    });
    // The count of told includes batches processed again: wait (a while) for every online customer's message.
    const seenBy = Date.now() + 30_000;
    while (latencies.size < ONLINE && Date.now() < seenBy) await new Promise((r) => setTimeout(r, 250));
    secondLoad.push(loadAverage());
    const phase2 = await batchFigures(notifications);

    const cpuPerThousand = (k: number) => (cpu[k]! / RESULTS) * 1_000_000;
    printTable(
      `notifications: ${RESULTS.toLocaleString('en-US')} results, ${ONLINE.toLocaleString('en-US')} online`,
      [
        ['messages/s (as fast as produced)', RESULTS / seconds],
        ['seconds', seconds],
        ['load average (1 min) at start → end', firstLoad.join(' → ')],
        ['CPU ms per 1,000 messages: notifications', cpuPerThousand(0)],
        ['CPU ms per 1,000 messages: decisions', cpuPerThousand(1)],
        ['CPU ms per 1,000 messages: gateway', cpuPerThousand(2)],
        ['batches of notifications (phase 1)', batches.count],
        ['mean batch ms', (batches.seconds / batches.count) * 1000],
        ['mean records per batch', RESULTS / batches.count],
        [
          'transactions aborted (batches processed again), phase 1 / both',
          `${batches.aborted} / ${phase2.aborted}`,
        ],
        [`latency p50 ms at ${RATE}/s`, percentile([...latencies.values()], 50)],
        [`latency p99 ms at ${RATE}/s`, percentile([...latencies.values()], 99)],
        [`load average (1 min) at ${RATE}/s, start → end`, secondLoad.join(' → ')],
        [`online customers' messages seen (of ${ONLINE})`, latencies.size],
        ['repeats seen (same id again; the page shows it once)', repeats],
        ['gateway RSS KiB per open connection', (rssAfter - rssBefore) / ONLINE],
        [
          'node flags: notifications / decisions / gateway',
          SERVICES.map((service) => flagsText(FLAGS[service]!)).join(' / '),
        ],
        [
          'peak RSS MiB: notifications / decisions / gateway',
          [notifications, decisions, gateway].map((p) => peakRssMiB(p.child.pid).toFixed(0)).join(' / '),
        ],
      ],
    );
  } finally {
    await producer.disconnect();
    await notifications.stop();
    await decisions.stop();
    await gateway.stop();
  }
}

runBench(main);
