// Benchmark of the message queue (services/message-queue, docs/onsite-delivery.md) after a large draw, when
// most customers are not on site: two processes of the built CLI, onsite-gateway and message-queue, on the
// local stack's broker and MariaDB, in a database and brand of their own. Three phases:
// 1. queueing: a backlog of --messages customer-message.v1 (--per-customer for each customer) on
//    {brand}.message-queue.inbound, until every one is in msq_messages;
// 2. deletes: --deletes delete instructions (by messageId, for customers who stay away) until each removed
//    its message;
// 3. redelivery: --online customers open their stream at the gateway (which writes their customers.online
//    events), until each has seen all its messages, in order, and their delivered events are relayed.
// Per phase: records/s, the CPU each process spent per 1,000 records, the load average at start and end; for
// the redelivery, stream open → the customer's last message (p50, p99). Then each process's peak RSS.
// Run (stack up, `eval "$(deploy/local/stack env)"`):
//   pnpm bench:message-queue [-- --messages 200000 --per-customer 2 --deletes 10000 --online 10000
//   --node-args=k8s --cpu-prof DIR]
// --node-args are node flags of both processes (space-separated), or `k8s` for each one's in deploy/k8s;
// --cpu-prof writes a CPU profile of each process into DIR/<service> when it stops.

import { EVENT_TYPES } from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import {
  asQueued,
  messageQueueFixture,
} from '../../services/message-queue/test/support/message-queue-fixture';
import { counterValue } from '../../services/message-queue/test/support/start-message-queue';
import { buildMessage } from '../../services/onsite-gateway/test/support/build-message';
import { TEST_SECRET } from '../../services/onsite-gateway/test/support/start-gateway';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { openCustomerStreams } from './support/customer-streams';
import { benchOptions, builtServiceOptions, flagsText, nodeArgsOf } from './support/options';
import { runBench, scratchTopics } from './support/run-bench';
import { cpuSeconds, loadAverage, peakRssMiB, percentile, printTable } from './support/stats';

const args = benchOptions({
  messages: { type: 'string', default: '200000' },
  'per-customer': { type: 'string', default: '2' },
  deletes: { type: 'string', default: '10000' },
  online: { type: 'string', default: '10000' },
  partitions: { type: 'string', default: '8' },
  'node-args': { type: 'string', default: '' },
  'cpu-prof': { type: 'string' },
});
const PER_CUSTOMER = Number(args['per-customer']);
const CUSTOMERS = Math.ceil(Number(args.messages) / PER_CUSTOMER);
const MESSAGES = CUSTOMERS * PER_CUSTOMER;
const ONLINE = Number(args.online);
const DELETES = Number(args.deletes);
if (ONLINE + DELETES > CUSTOMERS)
  throw new Error(`--online + --deletes (${ONLINE + DELETES}) is more than the ${CUSTOMERS} customers`);
const SERVICES = ['message-queue', 'onsite-gateway'] as const;
const FLAGS = Object.fromEntries(
  SERVICES.map((service) => [service, nodeArgsOf(args['node-args'], service)]),
);
const tokens = new ApiTokens(new TokenSecret(Buffer.from(TEST_SECRET)));
const customerId = (i: number) => `c-${i}`;

/** A phase's figures: records/s, each process's CPU per 1,000 records, the load before and after. */
function phaseRows(
  name: string,
  records: number,
  seconds: number,
  cpu: readonly number[],
  loads: readonly string[],
): [string, string | number][] {
  return [
    [`${name}: records/s`, records / seconds],
    [`${name}: seconds`, seconds],
    [
      `${name}: CPU ms per 1,000, ${SERVICES.join(' / ')}`,
      cpu.map((seconds) => ((seconds / records) * 1_000_000).toFixed(0)).join(' / '),
    ],
    [`${name}: load average (1 min) at start → end`, loads.join(' → ')],
  ];
}

/** Runs `work` and measures it: wall seconds, each process's CPU seconds, the load before and after. */
async function measured(processes: readonly ServiceProcess[], work: () => Promise<void>) {
  const before = processes.map((p) => cpuSeconds(p.child.pid!));
  const loads = [loadAverage()];
  const started = Date.now();
  await work();
  const seconds = (Date.now() - started) / 1000;
  loads.push(loadAverage());
  return { seconds, loads, cpu: processes.map((p, k) => cpuSeconds(p.child.pid!) - before[k]!) };
}

async function main(): Promise<void> {
  const fixture = await messageQueueFixture();
  scratchTopics(fixture.brand);
  const options = (service: (typeof SERVICES)[number]) =>
    builtServiceOptions(service, FLAGS[service]!, args['cpu-prof']);
  const common = { BRAND: fixture.brand, PARTITIONS: args.partitions, LOG_LEVEL: 'error' };
  const gateway = await startServiceProcess(
    ['onsite-gateway'],
    { ...common, API_TOKEN_SECRET: TEST_SECRET },
    options('onsite-gateway'),
  );
  // The service's own timings (poll 250 ms, purge every 60 s), not the fixture's test ones.
  const { MSQ_POLL_MS: _poll, MSQ_PURGE_INTERVAL_S: _purge, ...env } = fixture.env(gateway.url);
  const queue = await startServiceProcess(['message-queue'], { ...env, ...common }, options('message-queue'));
  const processes = [queue, gateway];
  const counter = (name: string, labels?: string) => counterValue(queue.url, name, labels);
  const until = (what: string, done: () => Promise<boolean>) =>
    waitUntil(what, done, { timeoutMs: 3_600_000, everyMs: 250 });
  try {
    const messages = Array.from({ length: CUSTOMERS }, (_, i) =>
      Array.from({ length: PER_CUSTOMER }, (_, n) => buildMessage(customerId(i), { title: `message ${n}` })),
    );

    const queueing = await measured(processes, async () => {
      const events = asQueued(messages.flat());
      await fixture.produceEvents(fixture.topics.messageQueueInbound, EVENT_TYPES.customerMessage, events);
      await until(
        'every message queued',
        async () => (await counter('prizedraw_message_queue_inbound_total', 'outcome="queued"')) >= MESSAGES,
      );
    });

    // The first message of each customer after the ones who come online: they stay away.
    const deleted = messages.slice(ONLINE, ONLINE + DELETES).map(([first]) => first!);
    const deleting = await measured(processes, async () => {
      await fixture.produceEvents(
        fixture.topics.messageDeletes,
        EVENT_TYPES.messageDelete,
        deleted.map(({ customerId, messageId }) => ({ key: customerId, data: { customerId, messageId } })),
      );
      await until(
        'every instruction applied',
        async () => (await counter('prizedraw_message_queue_deleted_total')) >= DELETES,
      );
    });

    // Per customer who comes online: when the stream opened, the message ids seen, when the last arrived.
    const opened = new Map<string, number>();
    const seen = new Map<string, string[]>();
    const arrivedAt = new Map<string, number>();
    const online = Array.from({ length: ONLINE }, (_, i) => customerId(i));
    const redelivery = await measured(processes, async () => {
      const onMessage = (customer: string, at: number, data: string) => {
        const ids = seen.get(customer) ?? [];
        const { messageId } = JSON.parse(data) as { messageId: string };
        if (!ids.includes(messageId)) ids.push(messageId);
        seen.set(customer, ids);
        if (ids.length === PER_CUSTOMER) arrivedAt.set(customer, at);
      };
      const onOpened = (customer: string, at: number) => opened.set(customer, at);
      await openCustomerStreams(gateway.url, tokens, online, onMessage, onOpened);
      await until('every online customer told', async () => arrivedAt.size >= ONLINE);
      await until(
        'every delivered event relayed',
        async () =>
          (await counter('prizedraw_message_queue_delivered_relayed_total')) >= ONLINE * PER_CUSTOMER,
      );
    });
    // openCustomerStreams reports a stream open before any of its messages can be read.
    const latencies = [...arrivedAt].map(([customer, at]) => at - opened.get(customer)!);
    const inOrder = online.filter(
      (customer, i) => seen.get(customer)?.join() === messages[i]!.map((m) => m.messageId).join(),
    ).length;

    printTable(
      `message queue: ${MESSAGES.toLocaleString('en-US')} messages for ${CUSTOMERS.toLocaleString('en-US')} customers, ${args.partitions} partitions`,
      [
        ...phaseRows('queueing', MESSAGES, queueing.seconds, queueing.cpu, queueing.loads),
        ...phaseRows('deletes', DELETES, deleting.seconds, deleting.cpu, deleting.loads),
        ...phaseRows(
          'redelivery',
          ONLINE * PER_CUSTOMER,
          redelivery.seconds,
          redelivery.cpu,
          redelivery.loads,
        ),
        ['redelivery: stream open → last message, p50 ms', percentile(latencies, 50)],
        ['redelivery: p99 ms', percentile(latencies, 99)],
        [`customers who saw all theirs in order (of ${ONLINE})`, inOrder],
        ['queued at the end (must be the rest)', (await fixture.queuedIds()).length],
        ['  the rest', MESSAGES - DELETES - ONLINE * PER_CUSTOMER],
        [
          `node flags: ${SERVICES.join(' / ')}`,
          SERVICES.map((service) => flagsText(FLAGS[service]!)).join(' / '),
        ],
        [
          `peak RSS MiB: ${SERVICES.join(' / ')}`,
          processes.map((p) => peakRssMiB(p.child.pid).toFixed(0)).join(' / '),
        ],
      ],
    );
  } finally {
    await queue.stop();
    await gateway.stop();
    await fixture.drop();
  }
}

runBench(main);
