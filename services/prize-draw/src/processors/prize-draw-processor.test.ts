import { createHash } from 'node:crypto';
import { EVENT_TYPES } from '@prizedraw/events';
import { InMemoryDrawDefinitions, type Outbound } from '@prizedraw/service';
import { Record } from '@prizedraw/stream';
import { buildDefinition, type RunSpec, runMessages, validated } from '../../test/support/builders';
import { TransactionalContext, TransactionalStore } from '../../test/support/transactional-store';
import type { DrawResultData } from './draw-result-of';
import { PrizeDrawProcessor } from './prize-draw-processor';

const definitions = new InMemoryDrawDefinitions([
  buildDefinition({
    maxWinsPerCustomer: 2,
    prizes: [
      { prizeId: 'car', name: 'Car', quantity: 1 },
      { prizeId: 'tv', name: 'TV', quantity: 3 },
      { prizeId: 'mug', name: 'Mug', quantity: 5 },
    ],
    defaultPrize: { prizeId: 'spins', name: 'Free spins' },
  }),
]);

// 60 customers on two wallet partitions; those with more than one ticket hold two entries (k = 2).
function buildRuns(): RunSpec[] {
  const runs: RunSpec[] = [
    { partition: 0, entries: [] },
    { partition: 1, entries: [] },
  ];
  for (let i = 0; i < 60; i++) {
    const tickets = 1 + (i % 3);
    const hex = (n: number) => createHash('sha256').update(`${i}:${n}`).digest('hex').slice(0, 32);
    for (let n = 0; n < Math.min(tickets, 2); n++)
      runs[i % 2]!.entries.push([`customer-${i}`, hex(n), tickets]);
  }
  for (const run of runs) run.entries.sort((a, b) => (a[1] < b[1] ? 1 : -1));
  return runs;
}

async function startProcessor(store: TransactionalStore, sliceSize: number) {
  const context = new TransactionalContext<Outbound>(store);
  const processor = new PrizeDrawProcessor({
    definitions,
    seeds: async () => undefined,
    activityTopic: 'local.demo.cpp.activity',
    sliceSize,
    punctuateEveryMs: 10,
  });
  processor.init(context);
  const punctuate = () => context.transaction(() => context.punctuator!(0));
  return { context, processor, punctuate };
}

const view = (records: Record<string | null, Outbound>[]) =>
  records.map((r) => [r.key, r.value.type, r.value.binder.data]);

/**
 * Feeds the runs in chunks of three entries. `crashAt` lists messages whose transaction crashes after the
 * chunk was processed, before its commit: a new processor then gets the chunk again, as after a kill -9.
 */
async function feedRuns(store: TransactionalStore, crashAt: number[] = []) {
  let { context, processor } = await startProcessor(store, 1);
  const messages = runMessages('xmas', 2, buildRuns(), { chunkEntries: 3 });
  for (const [index, message] of messages.entries()) {
    const process = () => processor.process(new Record('xmas', validated(message), 0));
    if (crashAt.includes(index)) {
      await expect(
        context.transaction(async () => {
          await process();
          throw new Error('crash');
        }),
      ).rejects.toThrow('crash');
      ({ context, processor } = await startProcessor(store, 1));
    }
    await context.transaction(process);
  }
}

describe('PrizeDrawProcessor resumption', () => {
  it('when the runs come in chunks with crashes between chunks, and the draw crashes mid-slice, and new processors resume from the store, then the results equal an uninterrupted draw', async () => {
    const reference = new TransactionalStore();
    await feedRuns(reference);
    const uninterrupted = await startProcessor(reference, 100_000);
    await uninterrupted.punctuate();
    const expected = view(uninterrupted.context.committed);

    const store = new TransactionalStore();
    // Each wallet partition's run spans some fifteen chunks; crashes fall between chunks of both runs.
    await feedRuns(store, [1, 6, 20]);
    const committed: Record<string | null, Outbound>[] = [];
    let current = await startProcessor(store, 7);
    let crashes = 0;
    for (let slice = 1; slice <= 40; slice++) {
      // Nine prizes, two wins at most: deciding takes the first slice and part of the second, which also
      // starts emitting and crashes after two results; another crash follows mid-emission.
      if (slice === 2 || slice === 5) current.context.crashAfter = 2;
      await current.punctuate().catch(async () => {
        crashes++;
        committed.push(...current.context.committed);
        current = await startProcessor(store, 7);
      });
    }
    committed.push(...current.context.committed);

    expect(crashes).toBe(2);
    expect(view(committed)).toEqual(expected);
    const results = committed.filter((r) => r.value.type === EVENT_TYPES.drawResult);
    expect(new Set(results.map((r) => r.key)).size).toBe(60);
    expect(results).toHaveLength(60);
    const won = results
      .map((r) => r.value.binder.data as DrawResultData)
      .filter((r) => r.prize?.prizeId !== 'spins');
    expect(won.flatMap((r) => r.prizes ?? [r.prize]).map((p) => p!.prizeId)).toEqual(
      expect.arrayContaining(['car', 'tv', 'tv', 'tv', 'mug', 'mug', 'mug', 'mug', 'mug']),
    );
    expect(won.flatMap((r) => r.prizes ?? [r.prize])).toHaveLength(9);
    const completed = committed.filter((r) => r.value.type === EVENT_TYPES.drawCompleted);
    expect(completed.map((r) => r.value.binder.data)).toEqual([
      {
        drawId: 'xmas',
        entrants: 60,
        tickets: 120,
        winners: 60,
        lateTickets: 0,
      },
    ]);
    expect(committed.at(-1)!.value.type).toBe(EVENT_TYPES.drawRecord);
  });
});

describe('PrizeDrawProcessor results as JSON', () => {
  it('when results go out, then those without fields beyond the hashed ones carry their data as its JSON, the others none', async () => {
    const store = new TransactionalStore();
    await feedRuns(store);
    const { context, punctuate } = await startProcessor(store, 100_000);
    await punctuate();

    const results = context.committed.filter((r) => r.value.type === EVENT_TYPES.drawResult);
    const [withJson, without] = [
      results.filter((r) => r.value.dataJson !== undefined),
      results.filter((r) => r.value.dataJson === undefined),
    ];
    for (const { value } of withJson) expect(JSON.parse(value.dataJson!)).toEqual(value.binder.data);
    expect(withJson.length).toBeGreaterThan(0);
    // Customers who won twice have `prizes` too: their data is stringified whole.
    expect(without.map((r) => Object.keys(r.value.binder.data as object))).toEqual(
      without.map(() => expect.arrayContaining(['prizes'])),
    );
    expect(without.length).toBeGreaterThan(0);
  });
});
