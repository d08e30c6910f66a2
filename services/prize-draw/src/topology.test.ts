import {
  type DrawCompleted,
  type DrawDefined,
  type DrawRecord,
  type DrawRecordEntries,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  resultsHashOf,
  topicNames,
} from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { DeadLetterHeaders, type TestInput, TopologyTestDriver } from '@prizedraw/stream';
import {
  buildDefinition,
  buildRunEntry,
  decoded,
  eventMessage,
  type RunFraming,
  type RunSpec,
  runMessages,
  ticketOf,
} from '../test/support/builders';
import type { DrawResultData } from './processors/draw-result-of';
import { createPrizeDrawTopology } from './topology';

const topics = topicNames();
const PARTITIONS = 2;

// Two wallet partitions; merged order: ann(f) bob(e) cat(d) dan(c) eve(b) fay(a) gus(9).
const RUNS: RunSpec[] = [
  {
    partition: 0,
    entries: [
      ['ann', 'f', 3],
      ['dan', 'c', 1],
      ['eve', 'b', 2],
    ],
  },
  {
    partition: 1,
    entries: [
      ['bob', 'e', 1],
      ['cat', 'd', 5],
      ['fay', 'a', 1],
      ['gus', '9', 1],
    ],
  },
];

describe('prize-draw topology', () => {
  let driver: TopologyTestDriver;
  let definitions: InMemoryDrawDefinitions;

  const start = async (draws: Partial<DrawDefined>[] = [{}], sliceSize?: number) => {
    definitions = new InMemoryDrawDefinitions(draws.map((d) => buildDefinition(d)));
    const topology = createPrizeDrawTopology({
      topics,
      definitions,
      punctuateEveryMs: 100,
      ...(sliceSize ? { sliceSize } : {}),
    });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS });
  };
  afterEach(() => driver.close());

  const pipe = async (...messages: TestInput[]) => {
    for (const message of messages) await driver.pipeInput(topics.runs, message);
  };
  const punctuate = () => driver.advanceWallClockTime(100);
  const outputs = () => decoded<DrawResultData | DrawCompleted>(driver.readOutput(topics.results));
  const resultsOf = (events: ReturnType<typeof outputs>) =>
    events.filter((e) => e.type === EVENT_TYPES.drawResult).map((e) => e.data as DrawResultData);
  const completedOf = (events: ReturnType<typeof outputs>) =>
    events.filter((e) => e.type === EVENT_TYPES.drawCompleted).map((e) => e.data as DrawCompleted);
  const summary = (results: DrawResultData[]) =>
    results.map((r) => [r.rank, r.accountId, r.outcome, r.prize?.prizeId ?? null]);

  it('when every run-end arrived, then prizes go down the table by rank and the others get the default prize', async () => {
    await start([{ defaultPrize: { prizeId: 'spins', name: '5 free spins' } }]);
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();

    const events = outputs();
    expect(summary(resultsOf(events))).toEqual([
      [1, 'ann', 'won', 'gold'],
      [2, 'bob', 'won', 'silver'],
      [3, 'cat', 'won', 'silver'],
      [4, 'dan', 'won', 'spins'],
      [5, 'eve', 'won', 'spins'],
      [6, 'fay', 'won', 'spins'],
      [7, 'gus', 'won', 'spins'],
    ]);
    const results = events.filter((e) => e.type === EVENT_TYPES.drawResult);
    expect(results.every((e) => e.key === (e.data as DrawResultData).accountId)).toBe(true);
    expect(resultsOf(events)[0]).toEqual({
      drawId: 'xmas',
      accountId: 'ann',
      outcome: 'won',
      prize: { prizeId: 'gold', name: 'Gold' },
      ticket: ticketOf('f'),
      rank: 1,
      tickets: 3,
    });
    expect(events.at(-1)!.key).toBe('xmas');
    expect(completedOf(events)).toEqual([
      { drawId: 'xmas', entrants: 7, tickets: 14, winners: 7, lateTickets: 0 },
    ]);
  });

  it.each<[string, RunFraming]>([
    ['chunks of one', { chunkEntries: 1 }],
    ['chunks of three', { chunkEntries: 3 }],
    ['one chunk per run', { chunkEntries: 1_000 }],
    ['run entries, as older wallets sent them', { asRunEntries: true }],
  ])(
    'when runs come as %s and the draw walks one entry per transaction, then the results are the same',
    async (_, framing) => {
      await start([{}], 1);
      await pipe(...runMessages('xmas', PARTITIONS, RUNS));
      for (let i = 0; i < 20; i++) await punctuate();
      const expected = outputs().map((e) => e.data);
      await driver.close();
      await start([{}], 1);
      await pipe(...runMessages('xmas', PARTITIONS, RUNS, framing));
      for (let i = 0; i < 20; i++) await punctuate();
      expect(expected).toHaveLength(RUNS.flatMap((run) => run.entries).length + 1);
      expect(outputs().map((e) => e.data)).toEqual(expected);
    },
  );

  it('when the draw has no default prize, then entrants without a table prize lose with prize null', async () => {
    await start();
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();

    const events = outputs();
    expect(summary(resultsOf(events)).slice(2)).toEqual([
      [3, 'cat', 'won', 'silver'],
      [4, 'dan', 'lost', null],
      [5, 'eve', 'lost', null],
      [6, 'fay', 'lost', null],
      [7, 'gus', 'lost', null],
    ]);
    expect(completedOf(events)).toEqual([
      { drawId: 'xmas', entrants: 7, tickets: 14, winners: 3, lateTickets: 0 },
    ]);
  });

  it('when a customer may win twice, then they win at most twice, get one result at their best ticket, and list every prize', async () => {
    await start([{ maxWinsPerCustomer: 2 }]);
    // ann holds three entries (more than she may win), bob two; one result each.
    const runs: RunSpec[] = [
      {
        partition: 0,
        entries: [
          ['ann', 'f', 9],
          ['ann', 'e', 9],
          ['ann', 'd', 9],
          ['cat', '7', 1],
        ],
      },
      {
        partition: 1,
        entries: [
          ['bob', 'c', 4],
          ['bob', 'b', 4],
          ['dan', '5', 1],
        ],
      },
    ];
    await pipe(...runMessages('xmas', PARTITIONS, runs));
    await punctuate();

    const results = resultsOf(outputs());
    expect(summary(results)).toEqual([
      [1, 'ann', 'won', 'gold'],
      [4, 'bob', 'won', 'silver'],
      [6, 'cat', 'lost', null],
      [7, 'dan', 'lost', null],
    ]);
    expect(results[0]!.prizes?.map((p) => p.prizeId)).toEqual(['gold', 'silver']);
    expect(results[1]!.prizes).toBeUndefined();
  });

  it('when there are more prizes than entrants, then everyone wins a table prize and the draw completes', async () => {
    await start([{ prizes: [{ prizeId: 'spins', name: 'Spins', quantity: 100 }] }]);
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();
    const events = outputs();
    expect(resultsOf(events).every((r) => r.prize?.prizeId === 'spins')).toBe(true);
    expect(completedOf(events)[0]).toMatchObject({ entrants: 7, winners: 7 });
  });

  it('when a run-end is missing, then nothing is drawn until it arrives', async () => {
    await start();
    const [run0, run1] = [
      runMessages('xmas', PARTITIONS, [RUNS[0]!]),
      runMessages('xmas', PARTITIONS, [RUNS[1]!]),
    ];
    await pipe(...run0, ...run1.slice(0, -1));
    await punctuate();
    expect(outputs()).toEqual([]);
    await pipe(run1.at(-1)!);
    await punctuate();
    expect(resultsOf(outputs())).toHaveLength(7);
  });

  it('when run entries repeat or runs arrive again after completion, then nothing changes', async () => {
    await start();
    const messages = runMessages('xmas', PARTITIONS, RUNS);
    await pipe(messages[0]!, ...messages);
    await punctuate();
    const first = outputs();
    expect(resultsOf(first)).toHaveLength(7);
    await pipe(
      ...messages,
      eventMessage(
        PIPELINE_EVENT_TYPES.runEntry,
        buildRunEntry({ customerId: 'new', seq: 9, ticket: ticketOf('ff') }),
        'xmas',
      ),
    );
    await punctuate();
    await punctuate();
    expect(outputs()).toEqual([]);
  });

  it('when late tickets arrive before the draw completes, then draw-completed counts them', async () => {
    await start();
    const late = (tickets: number) =>
      eventMessage(
        PIPELINE_EVENT_TYPES.lateTicket,
        { drawId: 'xmas', customerId: 'zed', grantId: `g${tickets}`, tickets },
        'xmas',
      );
    await pipe(late(2), ...runMessages('xmas', PARTITIONS, RUNS), late(3));
    await punctuate();
    expect(completedOf(outputs())).toEqual([expect.objectContaining({ lateTickets: 5 })]);
  });

  it('when the draw is emitted in small slices, then the results equal one full run, each entrant once', async () => {
    await start([{}], 1_000);
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();
    const full = outputs().map((e) => [e.key, e.type, e.data]);

    await driver.close();
    await start([{}], 2);
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    const sliced: unknown[] = [];
    const perSlice: number[] = [];
    for (let slice = 1; slice <= 6; slice++) {
      await punctuate();
      const events = outputs();
      perSlice.push(events.length);
      sliced.push(...events.map((e) => [e.key, e.type, e.data]));
    }
    // Two entries per punctuation: decide ann, bob | decide cat (last silver), ann's result | bob, cat |
    // dan, eve | fay, gus and draw-completed | nothing left.
    expect(perSlice).toEqual([0, 1, 2, 2, 3, 0]);
    expect(sliced).toEqual(full);
  });

  it('when the draw is not defined yet, then it waits and runs once the definition arrives', async () => {
    await start([]);
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();
    expect(outputs()).toEqual([]);
    definitions.put(buildDefinition());
    await punctuate();
    expect(resultsOf(outputs())).toHaveLength(7);
  });

  it('when SCA administers the draw, then it is skipped once, with no result but a record of its entries, and stays skipped', async () => {
    const skipped: string[] = [];
    definitions = new InMemoryDrawDefinitions([buildDefinition({ administrator: 'sca' })]);
    const topology = createPrizeDrawTopology({ topics, definitions, onSkipped: (id) => skipped.push(id) });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS });
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();
    expect(outputs()).toEqual([]);
    expect(skipped).toEqual(['xmas']);
    const records = decoded(driver.readOutput(topics.records));
    expect(records.map((r) => r.key)).toEqual(['xmas|entries|0', 'xmas']);
    const record = records[1]!.data as DrawRecord;
    expect(record).toMatchObject({ verifiable: false, entrants: 7, tickets: 14, winners: 0 });
    expect(record.reason).toMatch(/^SCA administers the draw/);
    expect(record).not.toHaveProperty('seed');
    // No results: the hash of none.
    expect(record.resultsHash).toBe(resultsHashOf([]));
    expect((records[0]!.data as DrawRecordEntries).entries.map((e) => e.accountId)).toEqual([
      'ann',
      'bob',
      'cat',
      'dan',
      'eve',
      'fay',
      'gus',
    ]);
  });

  it('when no wallet partition held a ticket, then the draw completes with no entrant', async () => {
    await start();
    await pipe(
      ...runMessages('xmas', PARTITIONS, [
        { partition: 0, entries: [] },
        { partition: 1, entries: [] },
      ]),
    );
    await punctuate();
    expect(outputs().map((e) => e.data)).toEqual([
      { drawId: 'xmas', entrants: 0, tickets: 0, winners: 0, lateTickets: 0 },
    ]);
  });

  it('when results are written, then their ids are stable and they continue the run-end timeline', async () => {
    await start();
    await pipe(...runMessages('xmas', PARTITIONS, RUNS));
    await punctuate();
    const [first] = outputs();
    expect(first!.id).toBe('xmas:result:ann');
    expect(first!.time).toBe('2026-12-24T18:00:00Z');
    expect(first!.timeline.map((s) => s.stage)).toEqual(['occurred', 'prize-draw.out']);
  });

  it.each([
    ['malformed bytes', { key: 'xmas', value: Buffer.from('{') }, /CloudEvent|JSON/i],
    [
      'a run entry failing its schema',
      eventMessage(PIPELINE_EVENT_TYPES.runEntry, buildRunEntry({ ticket: 'ABC' }), 'xmas'),
      /ticket/,
    ],
    [
      'an event of another type',
      eventMessage(EVENT_TYPES.drawTrigger, { drawId: 'xmas' }, 'xmas'),
      /not a run chunk or entry/,
    ],
    [
      'a run-end naming a partition out of range',
      runMessages('xmas', 2, [{ partition: 2, entries: [] }])[0]!,
      /partition: Expected below/,
    ],
  ])(
    'when the input is %s, then it is dead-lettered and the draw still completes',
    async (_, bad, reason) => {
      await start();
      const messages = runMessages('xmas', PARTITIONS, RUNS);
      await pipe(...messages.slice(0, 3));
      await driver.pipeInput(topics.runs, { ...bad, key: 'xmas' });
      await pipe(...messages.slice(3));
      await punctuate();

      const [dead, ...more] = driver.readOutput(`${topics.runs}.dlq`);
      expect(more).toEqual([]);
      expect(dead!.headers[DeadLetterHeaders.reason]).toMatch(reason);
      expect(completedOf(outputs())).toHaveLength(1);
    },
  );
});
