// Benchmark of prize-draw's own work on a draw, without a broker: the prize-draw topology in the stream
// runtime's in-memory test driver (memory-level stores, the real processors and sinks) takes the runs of
// eight wallet partitions in chunks, then is punctuated until draw-completed. It times collecting the runs and
// the draw itself (deciding, the emission through the sinks' serializer, the record), in CPU per entrant:
// what bench:draw's prize-draw process spends besides KafkaJS and the broker, with less scatter (~±10 %).
// Run: pnpm bench:draw-emission [-- --entrants 200000 --rounds 3]
import { randomBytes } from 'node:crypto';
import { EVENT_TYPES, topicNames } from '@prizedraw/events';
import { createPrizeDrawTopology } from '@prizedraw/prize-draw';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { type TestInput, TopologyTestDriver } from '@prizedraw/stream';
import { buildDefinition, type RunSpec, runMessages } from '../../services/prize-draw/test/support/builders';
import { benchOptions } from './support/options';
import { printTable } from './support/stats';

const args = benchOptions({
  entrants: { type: 'string', default: '200000' },
  rounds: { type: 'string', default: '3' },
});
const ENTRANTS = Number(args.entrants);
const ROUNDS = Number(args.rounds);
const PARTITIONS = 8;
const DRAW_ID = 'bench-emission';
const PUNCTUATE_MS = 100;
const topics = topicNames();

/** The wallet partitions' runs as chunks of 1,000 entries, random tickets, each run highest first. */
function runInputs(): TestInput[] {
  const runs: RunSpec[] = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, entries: [] }));
  for (let i = 0; i < ENTRANTS; i++) {
    const entry: RunSpec['entries'][number] = [
      `acc-${String(i).padStart(9, '0')}`,
      randomBytes(16).toString('hex'),
      1,
    ];
    runs[i % PARTITIONS]!.entries.push(entry);
  }
  for (const run of runs) run.entries.sort((a, b) => (a[1] < b[1] ? 1 : -1));
  return runMessages(DRAW_ID, PARTITIONS, runs, { chunkEntries: 1_000 });
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** One draw in a fresh driver: CPU µs per entrant to collect the runs and to draw, and the results read. */
async function round(inputs: readonly TestInput[]) {
  const definition = buildDefinition({
    drawId: DRAW_ID,
    prizes: [{ prizeId: 'spins', name: 'Free spins', quantity: 1_000 }],
  });
  const topology = createPrizeDrawTopology({
    topics,
    definitions: new InMemoryDrawDefinitions([definition]),
    seeds: async () => undefined,
    punctuateEveryMs: PUNCTUATE_MS,
  });
  const driver = await TopologyTestDriver.create(topology, { partitions: 1 });
  try {
    const collectFrom = cpuMicros();
    for (const input of inputs) await driver.pipeInput(topics.runs, { ...input, partition: 0 });
    const drawFrom = cpuMicros();
    let results = 0;
    let completed = false;
    while (!completed) {
      await driver.advanceWallClockTime(PUNCTUATE_MS);
      // Read as they come, so the driver does not hold every result of the draw.
      for (const output of driver.readOutput(topics.results)) {
        if (String(output.headers?.ce_type) === EVENT_TYPES.drawCompleted) completed = true;
        else results++;
      }
      driver.readOutput(topics.records);
    }
    const drawTo = cpuMicros();
    return { collect: (drawFrom - collectFrom) / ENTRANTS, draw: (drawTo - drawFrom) / ENTRANTS, results };
  } finally {
    await driver.close();
  }
}

async function main() {
  const inputs = runInputs();
  const rounds: Awaited<ReturnType<typeof round>>[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(inputs));
  const each = (pick: (r: (typeof rounds)[number]) => number) =>
    rounds.map((r) => pick(r).toFixed(2)).join(' / ');
  printTable(`prize-draw in the test driver, ${ENTRANTS.toLocaleString('en')} entrants, ${ROUNDS} rounds`, [
    ['results per draw', rounds[0]!.results.toLocaleString('en')],
    ['collecting the runs, CPU µs per entrant, each round', each((r) => r.collect)],
    ['the draw (decide, emit, record), CPU µs per entrant, each round', each((r) => r.draw)],
    ['peak RSS, MiB', Math.round(process.resourceUsage().maxRSS / 1024)],
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
