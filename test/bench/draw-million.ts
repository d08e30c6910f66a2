// Benchmark of a draw of 1,000,000 entrants: the ticket wallet holds one ticket for each of a million
// customers (grants produced straight into its input topic), then the draw is triggered (markers into every
// wallet partition, as ingestion would pass them) and timed until draw-completed, with the peak memory of
// the wallet and prize-draw processes. Run: pnpm bench:draw [-- --entrants 1000000 --node-args=--max-old-space-size=160 --draw-env NAME=VALUE]
// (--node-args=k8s: each process's flags from deploy/k8s). The draw's phases come from the results' timelines:
// when prize-draw wrote the first and the last result it sent to the partition draw-completed goes to.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  type DrawCompleted,
  type DrawMarker,
  decodeEvent,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  parseTimeline,
  TIMELINE_HEADER,
  type TicketsGranted,
} from '@prizedraw/events';
import { partitionForKey } from '@prizedraw/stream';
import { createDeployment } from '../e2e/support/deployment';
import { kafka, produce, uniqueName } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { until } from './support/follow-topic';
import { benchOptions, flagsText, listOption, nodeArgsOf } from './support/options';
import { benchDraw, eventMessage } from './support/pipeline-fixture';
import { runBench, scratchTopics } from './support/run-bench';
import { cpuSeconds, gcPauseSeconds, peakRssMiB, printTable, sampleRssParts } from './support/stats';

const args = benchOptions({
  entrants: { type: 'string', default: '1000000' },
  // Node flags for the service processes, e.g. "--max-old-space-size=160" to bound the heap as a deployment would.
  'node-args': { type: 'string', default: '' },
  // Environment settings of the prize-draw process only, e.g. "MALLOC_ARENA_MAX=2".
  'draw-env': { type: 'string', default: '' },
});
const ENTRANTS = Number(args.entrants);
const nodeArgs = {
  wallet: nodeArgsOf(args['node-args'], 'ticket-wallet'),
  draw: nodeArgsOf(args['node-args'], 'prize-draw'),
};
const drawEnv = Object.fromEntries(
  // At the first '=' only: a value may hold more (NODE_OPTIONS=--max-semi-space-size=8).
  listOption(args['draw-env']).map((setting) => {
    const at = setting.indexOf('=');
    return [setting.slice(0, at), setting.slice(at + 1)];
  }),
);
const PARTITIONS = 8;
const CHUNK = 50_000;

async function produceGrants(topic: string, drawId: string): Promise<void> {
  for (let from = 0; from < ENTRANTS; from += CHUNK) {
    const messages = Array.from({ length: Math.min(CHUNK, ENTRANTS - from) }, (_, i) => {
      const customerId = `acc-${String(from + i).padStart(9, '0')}`;
      const grant: TicketsGranted = {
        drawId,
        customerId,
        grantId: randomUUID(),
        tickets: 1,
        total: 1,
        maxWinsPerCustomer: 1,
      };
      return eventMessage(PIPELINE_EVENT_TYPES.ticketsGranted, customerId, grant);
    });
    await produce(topic, messages);
    process.stdout.write(`\rgrants produced: ${(from + messages.length).toLocaleString('en-US')}`);
  }
  process.stdout.write('\n');
}

/** Resolves once the consumer group has committed the end of every partition of `topic`. */
async function caughtUp(groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
    for (;;) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      if (committed!.partitions.every((p) => p.offset === ends.get(p.partition))) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

/** When prize-draw wrote a result: its timeline's last stamp (`prize-draw.out`), epoch ms. */
function writtenAt(timeline: Buffer | string | (Buffer | string)[] | undefined): number {
  return parseTimeline(timeline?.toString()).at(-1)?.at ?? Number.NaN;
}

/**
 * Follows only the results partition that draw-completed goes to (key drawId) and resolves with it, and when
 * the first and the last result there were written: results are keyed by customer over every partition in
 * rank order, so one partition's first and last are within a few results of the emission's.
 */
async function awaitCompleted(topic: string, drawId: string) {
  let completed: { at: number; data: DrawCompleted } | undefined;
  const results = { first: Number.NaN, last: Number.NaN };
  const consumer = kafka.consumer({ groupId: uniqueName('bench-completed'), maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const type = message.headers?.ce_type?.toString();
      if (type === EVENT_TYPES.drawResult) {
        results.last = writtenAt(message.headers?.[TIMELINE_HEADER]);
        if (Number.isNaN(results.first)) results.first = results.last;
      }
      if (type !== EVENT_TYPES.drawCompleted) return;
      const data = decodeEvent({ key: message.key, value: message.value, headers: message.headers })
        .data as DrawCompleted;
      if (data.drawId === drawId) completed = { at: Date.now(), data };
    },
  });
  const own = partitionForKey(topic, drawId, PARTITIONS);
  const others = Array.from({ length: PARTITIONS }, (_, p) => p).filter((p) => p !== own);
  consumer.pause([{ topic, partitions: others }]);
  return {
    done: until(() => completed !== undefined).then(() => ({ ...completed!, results })),
    stop: () => consumer.disconnect(),
  };
}

const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);

async function main() {
  const deployment = await createDeployment();
  const { env, topics } = deployment;
  scratchTopics(deployment.brand);
  const draw = {
    ...benchDraw(uniqueName('million')),
    prizes: [{ prizeId: 'top', name: 'Top', quantity: 1000 }],
  };
  await deployment.define(draw);
  await produceGrants(topics.tickets, draw.drawId);
  // A service that dies (its log says why) ends the benchmark instead of leaving it waiting.
  const died = (name: string, process: ServiceProcess) =>
    process.exited.then((code) =>
      Promise.reject(new Error(`${name} exited (${code}) before the draw completed`)),
    );
  const drainStarted = Date.now();
  const wallet = await startServiceProcess(['ticket-wallet'], env, {
    built: true,
    nodeArgs: nodeArgs.wallet,
  });
  const walletParts = sampleRssParts(wallet.child.pid!);
  await Promise.race([
    caughtUp(`prizedraw-${env.BRAND}-ticket-wallet`, topics.tickets),
    died('ticket-wallet', wallet),
  ]);
  // The wallet's start and its catch-up on the million grants, before the draw: its own peak and pace.
  const drain = {
    seconds: (Date.now() - drainStarted) / 1000,
    cpu: cpuSeconds(wallet.child.pid),
    peakRss: peakRssMiB(wallet.child.pid),
  };
  const prizeDraw = await startServiceProcess(
    ['prize-draw'],
    { ...env, ...drawEnv },
    { built: true, nodeArgs: nodeArgs.draw },
  );
  const drawParts = sampleRssParts(prizeDraw.child.pid!);
  const completion = await awaitCompleted(topics.results, draw.drawId);

  // CPU time of each service over the draw: steadier than the wall time on a machine others share.
  const cpuAtTrigger = { wallet: cpuSeconds(wallet.child.pid), draw: cpuSeconds(prizeDraw.child.pid) };
  const gcAtTrigger = { wallet: await gcPauseSeconds(wallet.url), draw: await gcPauseSeconds(prizeDraw.url) };
  const triggered = Date.now();
  const markers = Array.from({ length: PARTITIONS * PARTITIONS }, (_, i) => {
    const marker: DrawMarker = {
      drawId: draw.drawId,
      triggerId: 'bench-trigger',
      sourcePartitions: PARTITIONS,
      sourcePartition: i % PARTITIONS,
    };
    const message = eventMessage(PIPELINE_EVENT_TYPES.drawMarker, draw.drawId, marker);
    return { ...message, partition: Math.floor(i / PARTITIONS) };
  });
  await produce(topics.tickets, markers);
  const completed = await Promise.race([
    completion.done,
    died('ticket-wallet', wallet),
    died('prize-draw', prizeDraw),
  ]);
  const { results } = completed;
  const rss = { wallet: peakRssMiB(wallet.child.pid), draw: peakRssMiB(prizeDraw.child.pid) };
  const parts = { wallet: walletParts.stop(), draw: drawParts.stop() };
  const cpu = {
    wallet: cpuSeconds(wallet.child.pid) - cpuAtTrigger.wallet,
    draw: cpuSeconds(prizeDraw.child.pid) - cpuAtTrigger.draw,
  };
  const gc = {
    wallet: (await gcPauseSeconds(wallet.url)) - gcAtTrigger.wallet,
    draw: (await gcPauseSeconds(prizeDraw.url)) - gcAtTrigger.draw,
  };
  await Promise.all([wallet.stop(), prizeDraw.stop(), completion.stop()]);

  printTable(`draw of ${ENTRANTS.toLocaleString('en-US')} entrants, exactly-once, ${PARTITIONS} partitions`, [
    ['node flags: wallet / prize-draw', `${flagsText(nodeArgs.wallet)} / ${flagsText(nodeArgs.draw)}`],
    ['prize-draw environment', args['draw-env'] || "(as the benchmark's)"],
    ['entrants in draw-completed', completed.data.entrants],
    ['winners', completed.data.winners],
    ['ticket-wallet start → caught up on the grants, s', drain.seconds.toFixed(1)],
    ['ticket-wallet CPU until caught up, s', drain.cpu.toFixed(1)],
    ['ticket-wallet peak RSS until caught up, MiB', Math.round(drain.peakRss)],
    ['trigger → draw-completed, s', seconds(triggered, completed.at)],
    ['  trigger → first result written (runs in, winners decided)', seconds(triggered, results.first)],
    ['  first → last result written (the emission)', seconds(results.first, results.last)],
    ['  last result written → draw-completed read (the record)', seconds(results.last, completed.at)],
    ['ticket-wallet CPU over the draw, s', cpu.wallet.toFixed(1)],
    ['prize-draw CPU over the draw, s', cpu.draw.toFixed(1)],
    [
      'paused for garbage collection over the draw: ticket-wallet / prize-draw, s',
      `${gc.wallet.toFixed(1)} / ${gc.draw.toFixed(1)}`,
    ],
    ['ticket-wallet peak RSS, MiB', Math.round(rss.wallet)],
    ['prize-draw peak RSS, MiB', Math.round(rss.draw)],
    [
      'peak RSS parts, own / mapped files, MiB',
      `ticket-wallet ${Math.round(parts.wallet.anon)} / ${Math.round(parts.wallet.file)}, prize-draw ${Math.round(parts.draw.anon)} / ${Math.round(parts.draw.file)}`,
    ],
    [
      'load average (1, 5, 15 min)',
      loadavg()
        .map((load) => load.toFixed(1))
        .join(', '),
    ],
  ]);
}

runBench(main);
