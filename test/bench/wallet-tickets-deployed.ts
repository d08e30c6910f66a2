// Benchmark of what deriving tickets costs a deployed ticket wallet (issue 14: at most 5 % of its
// throughput), beside bench:wallet-tickets' in-memory driver: `prizedraw start ticket-wallet` (the built CLI)
// on the local broker drains a backlog of grants produced before it starts, once for a draw without a seed
// (random tickets) and once for a draw whose seed is in SEED_DIR (derived tickets), alternating rounds in
// one run, each round a fresh brand (topics, consumer group, state). Each round: grants/s from ready to
// every partition committed, and the wallet's CPU seconds over the same span (/proc); then the medians and
// the cost in %. Prints its figures, asserts nothing. Needs the local stack.
// Run: pnpm bench:wallet-tickets-deployed [-- --grants 30000 --rounds 3]
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PIPELINE_EVENT_TYPES, SeedDirectory } from '@prizedraw/events';
import { derivedTickets, keepBestTickets, type LiveCount } from '@prizedraw/ticket-wallet';
import { createDeployment } from '../e2e/support/deployment';
import { kafka, produce, uniqueName } from '../support/kafka';
import { startServiceProcess } from '../support/service-process';
import { until } from './support/follow-topic';
import { benchOptions } from './support/options';
import { eventMessage } from './support/pipeline-fixture';
import { runBench, scratchTopics } from './support/run-bench';
import { cpuSeconds } from './support/stats';
import { walletGrants } from './support/wallet-grants';

const args = benchOptions({
  grants: { type: 'string', default: '30000' },
  rounds: { type: 'string', default: '3' },
});
const ROUNDS = Number(args.rounds);
// Three grants per customer, as bench:wallet-tickets sends them.
const CUSTOMERS = Math.ceil(Number(args.grants) / 3);
const GRANTS = CUSTOMERS * 3;

async function produceGrants(topic: string, drawId: string): Promise<number> {
  const { grants, tickets } = walletGrants(drawId, CUSTOMERS, 3);
  for (let from = 0; from < grants.length; from += 10_000) {
    const batch = grants.slice(from, from + 10_000);
    await produce(
      topic,
      batch.map((data) => eventMessage(PIPELINE_EVENT_TYPES.ticketsGranted, data.customerId, data)),
    );
  }
  return tickets;
}

/** Whether the group has committed the end offset of every partition of `topic`. */
async function committedToEnd(groupId: string, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const at = new Map(committed!.partitions.map((p) => [p.partition, p.offset]));
    return ends.every((end) => at.get(end.partition) === end.high);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Whether the wallet's best ticket of acc-0 (live counts route) is the one derived from the seed: that the
 * derived rounds derived and the random ones did not.
 */
async function derivedFromSeed(url: string, drawId: string, seed?: Buffer): Promise<boolean> {
  const live = (await (await fetch(`${url}/v1/draws/${drawId}/customers/acc-0`)).json()) as LiveCount;
  const [best] = keepBestTickets(
    [],
    live.tickets,
    1,
    derivedTickets(seed ?? Buffer.alloc(32), drawId, 'acc-0', 1),
  );
  return live.bestTicket === best;
}

async function round(mode: 'random' | 'derived') {
  const { brand, env, topics } = await createDeployment();
  scratchTopics(brand);
  const seedDir = await mkdtemp(join(tmpdir(), 'bench-seeds-'));
  const drawId = uniqueName('wallet-tickets');
  const seed = mode === 'derived' ? await new SeedDirectory(seedDir).readOrCreate(drawId) : undefined;
  const tickets = await produceGrants(topics.tickets, drawId);
  const wallet = await startServiceProcess(['ticket-wallet'], { ...env, SEED_DIR: seedDir }, { built: true });
  try {
    const [cpuAtReady, started] = [cpuSeconds(wallet.child.pid), performance.now()];
    await until(() => committedToEnd(`prizedraw-${env.BRAND}-ticket-wallet`, topics.tickets), 100);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(wallet.child.pid) - cpuAtReady;
    return { seconds, cpu, tickets, derived: await derivedFromSeed(wallet.url, drawId, seed) };
  } finally {
    await wallet.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  process.stdout.write(
    `bench:wallet-tickets-deployed — ${GRANTS.toLocaleString('en-US')} grants a round, prizedraw start ticket-wallet on the broker; load average ${load()}\n`,
  );
  const runs = {
    random: [] as { seconds: number; cpu: number }[],
    derived: [] as { seconds: number; cpu: number }[],
  };
  for (let r = 0; r < ROUNDS; r++)
    for (const mode of r % 2 === 0 ? (['random', 'derived'] as const) : (['derived', 'random'] as const)) {
      const run = await round(mode);
      runs[mode].push(run);
      process.stdout.write(
        `round ${r + 1} ${mode.padEnd(8)} ${run.seconds.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s wallet CPU: ${Math.round(GRANTS / run.seconds).toLocaleString('en-US')} grants/s, ${Math.round(run.tickets / run.seconds).toLocaleString('en-US')} tickets/s, ${run.derived ? 'derived' : 'random'} tickets (load ${load()})\n`,
      );
    }
  const wall = (mode: 'random' | 'derived') => median(runs[mode].map((run) => run.seconds));
  const cpu = (mode: 'random' | 'derived') => median(runs[mode].map((run) => run.cpu));
  const cost = (derived: number, random: number) => (((derived - random) / random) * 100).toFixed(1);
  process.stdout.write(
    `median: random ${Math.round(GRANTS / wall('random')).toLocaleString('en-US')} grants/s (${cpu('random').toFixed(2)} s CPU), derived ${Math.round(GRANTS / wall('derived')).toLocaleString('en-US')} grants/s (${cpu('derived').toFixed(2)} s CPU): deriving costs ${cost(wall('derived'), wall('random'))} % of the throughput by wall time, ${cost(cpu('derived'), cpu('random'))} % by the wallet's CPU time (target ≤ 5 %)\n`,
  );
}

runBench(main);
