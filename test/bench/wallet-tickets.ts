// Benchmark of what deriving tickets costs the ticket wallet (issue 14: at most 5 % of its throughput). The
// same grants go through the wallet's real topology (in-memory driver and memory-level stores, 2 partitions)
// with random tickets (the CSPRNG through a pool, as without a seed) and with tickets derived from a draw seed
// (HMAC-SHA256), in alternating rounds of the same process so both see the same machine; each round
// reports grants/s, tickets/s and CPU time, and the summary the median of each mode. No servers.
// Run: pnpm bench:wallet-tickets [-- --customers 20000 --rounds 3]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { bind, encodeEvent, PIPELINE_EVENT_TYPES, toCloudEvent, topicNames } from '@prizedraw/events';
import { type TestInput, TopologyTestDriver } from '@prizedraw/stream';
import { createTicketWalletTopology } from '@prizedraw/ticket-wallet';
import { benchOptions } from './support/options';
import { walletGrants } from './support/wallet-grants';

const args = benchOptions({
  customers: { type: 'string', default: '20000' },
  rounds: { type: 'string', default: '3' },
});
const CUSTOMERS = Number(args.customers);
const ROUNDS = Number(args.rounds);
const GRANTS_PER_CUSTOMER = 3;
const topics = topicNames();
const seed = createHash('sha256').update('bench-wallet-tickets').digest();

/** Every customer's grants as the wallet's input records. */
function grants(): { messages: TestInput[]; tickets: number } {
  const { grants, tickets } = walletGrants('bench', CUSTOMERS, GRANTS_PER_CUSTOMER);
  const messages = grants.map((data) => {
    const event = toCloudEvent(bind(data), { type: PIPELINE_EVENT_TYPES.ticketsGranted, source: '/bench' });
    const { value, headers } = encodeEvent(event, { key: data.customerId, topic: topics.tickets });
    return { key: data.customerId, value, headers };
  });
  return { messages, tickets };
}

async function round(mode: 'random' | 'derived', messages: readonly TestInput[]) {
  const topology = createTicketWalletTopology(
    mode === 'derived' ? { topics, seeds: async () => seed } : { topics, seeds: async () => undefined },
  );
  const driver = await TopologyTestDriver.create(topology, { partitions: 2 });
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const message of messages) await driver.pipeInput(topics.tickets, message);
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    return { seconds, cpu: (user + system) / 1e6 };
  } finally {
    await driver.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const { messages, tickets } = grants();
  process.stdout.write(
    `bench:wallet-tickets — ${messages.length.toLocaleString('en-US')} grants, ${tickets.toLocaleString('en-US')} tickets per round; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const seconds = { random: [] as number[], derived: [] as number[] };
  const cpu = { random: [] as number[], derived: [] as number[] };
  for (let r = 0; r < ROUNDS; r++)
    for (const mode of ['random', 'derived'] as const) {
      const run = await round(mode, messages);
      seconds[mode].push(run.seconds);
      cpu[mode].push(run.cpu);
      process.stdout.write(
        `round ${r + 1} ${mode.padEnd(8)} ${run.seconds.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU: ${Math.round(messages.length / run.seconds).toLocaleString('en-US')} grants/s, ${Math.round(tickets / run.seconds).toLocaleString('en-US')} tickets/s\n`,
      );
    }
  const [random, derived] = [median(seconds.random), median(seconds.derived)];
  const cost = ((derived - random) / random) * 100;
  // On a shared machine wall time follows the neighbours; CPU time per grant is what deriving adds.
  const [randomCpu, derivedCpu] = [median(cpu.random), median(cpu.derived)];
  const cpuCost = ((derivedCpu - randomCpu) / randomCpu) * 100;
  process.stdout.write(
    `median: random ${Math.round(messages.length / random).toLocaleString('en-US')} grants/s (${randomCpu.toFixed(2)} s CPU), derived ${Math.round(messages.length / derived).toLocaleString('en-US')} grants/s (${derivedCpu.toFixed(2)} s CPU): deriving costs ${cost.toFixed(1)} % of the throughput by wall time, ${cpuCost.toFixed(1)} % by CPU time (target ≤ 5 %)\n`,
  );
}

void main();
