import {
  type DrawDefined,
  type DrawResultChunk,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  topicNames,
} from '@prizedraw/events';
import { createPrizeDrawTopology } from '@prizedraw/prize-draw';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { DeadLetterHeaders, type TestOutput, TopologyTestDriver } from '@prizedraw/stream';
import {
  buildDefinition,
  decoded,
  eventMessage,
  type RunSpec,
  runMessages,
  ticketOf,
} from '../../prize-draw/test/support/builders';
import { createDrawResultsTopology } from './topology';

const topics = topicNames();
const PARTITIONS = 2;
const DEFINITION: Partial<DrawDefined> = {
  prizes: [
    { prizeId: 'gold', name: 'Gold', quantity: 1 },
    { prizeId: 'silver', name: 'Silver', quantity: 2 },
  ],
  maxWinsPerCustomer: 2,
  defaultPrize: { prizeId: 'spins', name: '5 free spins' },
};

// 1,300 entrants over two wallet partitions (several result chunks), some holding two tickets.
function runs(entrants: number): RunSpec[] {
  const specs: RunSpec[] = [
    { partition: 0, entries: [] },
    { partition: 1, entries: [] },
  ];
  for (let i = 0; i < entrants; i++) {
    const tickets = i % 7 === 0 ? 2 : 1;
    const id = `acc-${String(i).padStart(5, '0')}`;
    for (let n = 0; n < tickets; n++) {
      const prefix = ((i * 7919 + n * 104_729) % 1_000_000).toString(16).padStart(5, '0');
      specs[i % 2]!.entries.push([id, prefix, tickets]);
    }
  }
  // The two highest tickets are one customer's: with two wins allowed, their result names both prizes.
  specs[0]!.entries.push(['acc-top', 'fffff', 2], ['acc-top', 'ffffe', 2]);
  for (const spec of specs) spec.entries.sort((a, b) => (a[1] < b[1] ? 1 : -1));
  return specs;
}

/** prize-draw, with or without fan-out, and draw-results beside it; outputs passed between them as Kafka would. */
async function deployment(fanOut: boolean, sliceSize: number) {
  const definitions = new InMemoryDrawDefinitions([buildDefinition(DEFINITION)]);
  const prizeDraw = await TopologyTestDriver.create(
    createPrizeDrawTopology({ topics, definitions, punctuateEveryMs: 100, sliceSize, fanOut }),
    { partitions: PARTITIONS },
  );
  const drawResults = await TopologyTestDriver.create(createDrawResultsTopology({ topics }), {
    partitions: PARTITIONS,
  });
  const results: TestOutput[] = [];
  const chunks: TestOutput[] = [];
  /** One punctuation of prize-draw, then whatever reached draw-results and came back is passed on. */
  const punctuate = async () => {
    await prizeDraw.advanceWallClockTime(100);
    results.push(...prizeDraw.readOutput(topics.results));
    for (const chunk of prizeDraw.readOutput(topics.resultChunks)) {
      chunks.push(chunk);
      await drawResults.pipeInput(topics.resultChunks, chunk);
    }
    results.push(...drawResults.readOutput(topics.results));
    for (const written of drawResults.readOutput(topics.runs))
      await prizeDraw.pipeInput(topics.runs, written);
  };
  return {
    prizeDraw,
    drawResults,
    results,
    chunks,
    punctuate,
    close: () => Promise.all([prizeDraw.close(), drawResults.close()]),
  };
}

describe('draw-results with prize-draw fanning out', () => {
  it('when prize-draw sends its results in chunks, then draw-results writes the same results, and draw-completed follows the last', async () => {
    const direct = await deployment(false, 400);
    const fanned = await deployment(true, 400);
    try {
      for (const d of [direct, fanned]) {
        for (const message of runMessages('xmas', PARTITIONS, runs(1_300), { chunkEntries: 1_000 }))
          await d.prizeDraw.pipeInput(topics.runs, message);
        for (let i = 0; i < 10; i++) await d.punctuate();
      }
      const expected = decoded(direct.results);
      const got = decoded(fanned.results);
      const completed = got.filter((e) => e.type === EVENT_TYPES.drawCompleted);
      expect(completed).toHaveLength(1);
      expect(got.at(-1)).toBe(completed[0]);
      expect(expected.filter((e) => e.type === EVENT_TYPES.drawResult)).toHaveLength(1_301);
      expect(expected[0]!.data).toMatchObject({
        accountId: 'acc-top',
        prizes: [
          { prizeId: 'gold', name: 'Gold' },
          { prizeId: 'silver', name: 'Silver' },
        ],
      });
      const view = (events: typeof got) =>
        events.map(({ id, type, key, data, time }) => ({ id, type, key, data, time }));
      expect(view(got)).toEqual(view(expected));
      expect(new Set(got.map((e) => e.source))).toEqual(
        new Set(['/prizedraw/draw-results', '/prizedraw/prize-draw']),
      );
      // 400 run entries a slice: chunks end with their slice, the last one marked.
      const sizes = decoded<DrawResultChunk>(fanned.chunks).map((c) => c.data.accountIds.length);
      expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(1_301);
      expect(sizes.every((n) => n <= 400)).toBe(true);
      expect(decoded<{ last?: true }>(fanned.chunks).filter((c) => c.data.last)).toHaveLength(1);
    } finally {
      await Promise.all([direct.close(), fanned.close()]);
    }
  });

  it('when draw-results has not written the last chunk yet, then the draw waits for it, however often punctuated', async () => {
    const fanned = await deployment(true, 20_000);
    try {
      for (const message of runMessages('xmas', PARTITIONS, runs(10)))
        await fanned.prizeDraw.pipeInput(topics.runs, message);
      await fanned.prizeDraw.advanceWallClockTime(100);
      for (let i = 0; i < 5; i++) await fanned.prizeDraw.advanceWallClockTime(100);
      expect(fanned.prizeDraw.readOutput(topics.results)).toEqual([]);
      const [chunk] = fanned.prizeDraw.readOutput(topics.resultChunks);
      await fanned.drawResults.pipeInput(topics.resultChunks, chunk!);
      const [written] = fanned.drawResults.readOutput(topics.runs);
      expect(decoded([written!])[0]).toMatchObject({
        type: PIPELINE_EVENT_TYPES.drawResultsWritten,
        id: 'xmas:results-written',
        data: { drawId: 'xmas' },
      });
      // Told twice (a replay), the draw completes once.
      await fanned.prizeDraw.pipeInput(topics.runs, written!);
      await fanned.prizeDraw.pipeInput(topics.runs, written!);
      for (let i = 0; i < 3; i++) await fanned.prizeDraw.advanceWallClockTime(100);
      const completed = decoded(fanned.prizeDraw.readOutput(topics.results));
      expect(completed.map((e) => [e.type, e.data])).toEqual([
        [
          EVENT_TYPES.drawCompleted,
          { drawId: 'xmas', entrants: 11, tickets: 14, winners: 11, lateTickets: 0 },
        ],
      ]);
    } finally {
      await fanned.close();
    }
  });

  it('when a draw has no entrants, then its last chunk is empty and the draw completes all the same', async () => {
    const fanned = await deployment(true, 20_000);
    try {
      const empty: RunSpec[] = [
        { partition: 0, entries: [] },
        { partition: 1, entries: [] },
      ];
      for (const message of runMessages('xmas', PARTITIONS, empty))
        await fanned.prizeDraw.pipeInput(topics.runs, message);
      for (let i = 0; i < 3; i++) await fanned.punctuate();
      expect(decoded<DrawResultChunk>(fanned.chunks).map((c) => c.data.accountIds)).toEqual([[]]);
      expect(decoded(fanned.results).map((e) => [e.type, e.data])).toEqual([
        [EVENT_TYPES.drawCompleted, { drawId: 'xmas', entrants: 0, tickets: 0, winners: 0, lateTickets: 0 }],
      ]);
    } finally {
      await fanned.close();
    }
  });

  it("when a chunk's columns differ in length, then it goes to the dead-letter topic naming the column", async () => {
    const { drawResults, close } = await deployment(true, 20_000);
    try {
      const chunk: DrawResultChunk = {
        drawId: 'xmas',
        accountIds: ['ann', 'bob'],
        tickets: [ticketOf('f')],
        counts: [1, 1],
        ranks: [1, 2],
        outcomes: [{ outcome: 'lost', prize: null }],
        outcomeOf: [0, 1],
      };
      await drawResults.pipeInput(
        topics.resultChunks,
        eventMessage(PIPELINE_EVENT_TYPES.drawResultChunk, chunk, 'xmas'),
      );
      expect(drawResults.readOutput(topics.results)).toEqual([]);
      const [dead] = drawResults.readOutput(`${topics.resultChunks}.dlq`);
      const reason = String(dead!.headers[DeadLetterHeaders.reason]);
      expect(reason).toMatch(/tickets: Expected 2 items, as accountIds/);
      expect(reason).toMatch(/outcomeOf\[1\]: Expected an index of outcomes/);
    } finally {
      await close();
    }
  });

  it('when a record on the chunks topic is not a result chunk, then it goes to the dead-letter topic naming the type', async () => {
    const { drawResults, close } = await deployment(true, 20_000);
    try {
      await drawResults.pipeInput(
        topics.resultChunks,
        eventMessage(PIPELINE_EVENT_TYPES.drawResultsWritten, { drawId: 'xmas' }, 'xmas'),
      );
      expect(drawResults.readOutput(topics.results)).toEqual([]);
      const [dead] = drawResults.readOutput(`${topics.resultChunks}.dlq`);
      expect(String(dead!.headers[DeadLetterHeaders.reason])).toMatch(/type: .*is not a draw result chunk/);
    } finally {
      await close();
    }
  });
});
