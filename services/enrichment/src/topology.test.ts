import {
  DEAD_LETTER_HEADERS,
  decodeEvent,
  type EnrichedActivity,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type PrizedrawCloudEvent,
  topicNames,
} from '@prizedraw/events';
import {
  InMemoryDrawDefinitions,
  parkingSettings,
  UNMATCHED_REASON_EXTENSION,
  UNMATCHED_STATUS_EXTENSION,
} from '@prizedraw/service';
import { partitionForKey, type TestOutput, TopologyTestDriver } from '@prizedraw/stream';
import { Registry } from 'prom-client';
import {
  AT,
  awardInput,
  buildAward,
  buildDraw,
  buildEntry,
  buildMarker,
  buildStake,
  entryInput,
  eventInput,
  markerInput,
  stakeInput,
} from '../test/support/builders';
import { ENRICHMENT_PARKED_STORE, enrichmentTopology } from './topology';

const topics = topicNames({ brand: 'test' });
const PARTITIONS = 4;
const decoded = (outputs: TestOutput[]) => outputs.map((o) => decodeEvent(o));
const enrichedData = (outputs: TestOutput[]) => decoded(outputs).map((e) => e.data as EnrichedActivity);
const RETENTION = 8 * 24 * 60 * 60_000;

describe('enrichment topology', () => {
  let definitions: InMemoryDrawDefinitions;
  let registry: Registry;
  let driver: TopologyTestDriver;
  let clock: number;

  beforeEach(async () => {
    clock = Date.parse(AT.inside);
    definitions = new InMemoryDrawDefinitions([buildDraw()]);
    registry = new Registry();
    const parking = parkingSettings(
      { PARKING_RETENTION_MS: RETENTION },
      { now: () => clock, definitionWaitMs: 500 },
    );
    const topology = enrichmentTopology({ topics, definitions, registry, parking });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS, startTime: clock });
  });
  afterEach(() => driver.close());

  const advance = async (ms: number) => {
    clock += ms;
    await driver.advanceWallClockTime(ms);
  };
  const parkedCount = async () => {
    let count = 0;
    for (let p = 0; p < PARTITIONS; p++) {
      const store = driver.getKeyValueStore(ENRICHMENT_PARKED_STORE, p);
      for await (const [key] of store.range()) if (key.startsWith('p/')) count++;
    }
    return count;
  };

  it('when a stake happens inside an open draw of its promo, then one enriched activity carries the draw rules and tags', async () => {
    await driver.pipeInput(topics.ingested, stakeInput(buildStake(), { id: 'evt-1' }));

    const [output, ...more] = driver.readOutput(topics.enriched);
    expect(more).toEqual([]);
    const event = decodeEvent(output!);
    expect(output!.key).toBe('acc-1');
    expect(output!.partition).toBe(partitionForKey(topics.enriched, 'acc-1', PARTITIONS));
    expect(event).toMatchObject({
      type: PIPELINE_EVENT_TYPES.enrichedActivity,
      id: 'evt-1:xmas-2024',
      time: AT.inside,
    });
    expect(event.data).toEqual({
      drawId: 'xmas-2024',
      customerId: 'acc-1',
      kind: 'stake',
      activityId: 'bet-1',
      occurredAt: AT.inside,
      stakeMinor: 500,
      draw: {
        administrator: 'in-house',
        closesAt: AT.closes,
        stakePerTicketMinor: 1000,
        maxWinsPerCustomer: 1,
        milestones: [1, 10],
        dedupeOnEmail: false,
      },
      tags: ['prize-draw', 'stake'],
    });
    expect(event.timeline.map((s) => s.stage)).toEqual(['occurred', 'enrichment.out']);
    expect(driver.readOutput(topics.unmatched)).toEqual([]);
  });

  it('when an award and an entry match, then they are enriched with their tickets, email and customer', async () => {
    await driver.pipeInput(topics.ingested, awardInput(buildAward({ tickets: 4 })));
    await driver.pipeInput(
      topics.ingested,
      entryInput(buildEntry({ email: 'bob@example.com', firstName: 'Bob', phone: '555-0100' })),
    );

    expect(enrichedData(driver.readOutput(topics.enriched))).toEqual([
      expect.objectContaining({ kind: 'award', activityId: 'award-1', tickets: 4, customerId: 'acc-1' }),
      expect.objectContaining({
        kind: 'entry',
        activityId: 'entry-1',
        email: 'bob@example.com',
        customerId: 'bob@example.com',
        tags: ['prize-draw', 'entry'],
        // The details the SCA entries file needs, with when the entry was made.
        entry: {
          entryId: 'entry-1',
          utmContent: 'XMAS',
          email: 'bob@example.com',
          firstName: 'Bob',
          phone: '555-0100',
          enteredAt: new Date(AT.inside).toISOString(),
        },
      }),
    ]);
  });

  it.each([
    ['exactly at opensAt', AT.opens, 'enriched'],
    ['a millisecond before opensAt', '2024-10-31T23:59:59.999Z', 'parked'],
    ['a millisecond before closesAt', '2024-11-30T23:59:59.999Z', 'enriched'],
    ['exactly at closesAt', AT.closes, 'parked'],
    ['at closesAt written with an offset', '2024-12-01T01:00:00+01:00', 'parked'],
  ] as const)('when a stake happens %s (%s), then it is %s', async (_, time, outcome) => {
    await driver.pipeInput(topics.ingested, stakeInput(buildStake(), { time }));

    expect(driver.readOutput(topics.enriched)).toHaveLength(outcome === 'enriched' ? 1 : 0);
    expect(await parkedCount()).toBe(outcome === 'parked' ? 1 : 0);
    expect(driver.readOutput(topics.unmatched)).toEqual([]);
  });

  it('when several draws of the promo are open, then one enriched activity per draw, in draw id order', async () => {
    definitions.put(buildDraw({ drawId: 'xmas-weekly', tags: ['weekly'], stakePerTicketMinor: 200 }));
    definitions.put(buildDraw({ drawId: 'other-promo', promoCode: 'EASTER' }));
    definitions.put(
      buildDraw({ drawId: 'xmas-2023', opensAt: '2023-11-01T00:00:00Z', closesAt: '2023-12-01T00:00:00Z' }),
    );

    await driver.pipeInput(topics.ingested, stakeInput(buildStake()));

    const enriched = enrichedData(driver.readOutput(topics.enriched));
    expect(enriched.map((e) => [e.drawId, e.draw.stakePerTicketMinor, e.tags])).toEqual([
      ['xmas-2024', 1000, ['prize-draw', 'stake']],
      ['xmas-weekly', 200, ['weekly', 'stake']],
    ]);
  });

  it('when the definition reaches enrichment after the activity, then the activity is parked and enriched once the table has the draw', async () => {
    await driver.pipeInput(topics.ingested, stakeInput(buildStake({ promoCode: 'LATE' }), { id: 'evt-1' }));
    expect(driver.readOutput(topics.enriched)).toEqual([]);

    definitions.put(buildDraw({ drawId: 'late', promoCode: 'LATE' }));
    await advance(1_000);

    const [enriched, ...more] = driver.readOutput(topics.enriched);
    expect(more).toEqual([]);
    expect(enriched!.key).toBe('acc-1');
    expect(decodeEvent(enriched!)).toMatchObject({
      id: 'evt-1:late',
      data: { drawId: 'late', activityId: 'bet-1' },
    });
    expect(await parkedCount()).toBe(0);
  });

  it('when the marker of a draw arrives before this process knows the draw, then the marker waits and follows the parked activity', async () => {
    const partition = partitionForKey(topics.ingested, 'acc-1', PARTITIONS);
    await driver.pipeInput(topics.ingested, stakeInput(buildStake({ promoCode: 'LATE' })));
    setTimeout(() => definitions.put(buildDraw({ drawId: 'late', promoCode: 'LATE' })), 50);
    await driver.pipeInput(topics.ingested, markerInput(buildMarker({ drawId: 'late' }), partition));

    expect(decoded(driver.readOutput(topics.enriched)).map(describeEvent)).toEqual(['stake bet-1', 'marker']);
  });

  it('when an activity matches no open draw until its retention passes, then it goes unchanged to the unmatched topic as expired with the reason and is counted', async () => {
    const stake = buildStake({ promoCode: 'NOPE' });
    await driver.pipeInput(topics.ingested, stakeInput(stake, { id: 'evt-9' }));
    await driver.pipeInput(topics.ingested, entryInput(buildEntry({ utmContent: 'NOPE' })));
    expect(driver.readOutput(topics.unmatched)).toEqual([]);
    await advance(RETENTION);

    expect(driver.readOutput(topics.enriched)).toEqual([]);
    const unmatched = driver.readOutput(topics.unmatched);
    expect(unmatched).toHaveLength(2);
    const stakeOut = unmatched.find((o) => decodeEvent(o).type === EVENT_TYPES.stake);
    const entryOut = unmatched.find((o) => o !== stakeOut);
    const event = decodeEvent(stakeOut!);
    expect(stakeOut!.key).toBe('acc-1');
    expect(event).toMatchObject({ type: EVENT_TYPES.stake, id: 'evt-9', time: AT.inside, data: stake });
    expect(event.extensions[UNMATCHED_REASON_EXTENSION]).toBe(
      `no draw of promo NOPE is open at ${AT.inside}`,
    );
    expect(event.extensions[UNMATCHED_STATUS_EXTENSION]).toBe('expired');
    expect(decodeEvent(entryOut!).type).toBe(EVENT_TYPES.entry);
    const counter = await registry.getSingleMetric('prizedraw_enrichment_unmatched_total')!.get();
    expect(counter.values.map((v) => [v.labels.kind, v.value]).sort()).toEqual([
      ['entry', 1],
      ['stake', 1],
    ]);
    const total = async (name: string) =>
      (await registry.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(await total('prizedraw_parking_parked_total')).toBe(2);
    expect(await total('prizedraw_parking_expired_total')).toBe(2);
    expect(await total('prizedraw_parking_released_total')).toBe(0);
  });

  it('when markers come between activities, then each passes unchanged, in order, to the partition it came from', async () => {
    const customers = Array.from({ length: 40 }, (_, i) => `acc-${i}`);
    const onPartition = (p: number) =>
      customers.filter((c) => partitionForKey(topics.ingested, c, PARTITIONS) === p);
    const [a, b] = onPartition(2);
    const marker = buildMarker({ sourcePartition: 1 });

    await driver.pipeInput(topics.ingested, stakeInput(buildStake({ accountId: a!, activityId: 'before' })));
    for (let p = 0; p < PARTITIONS; p++) await driver.pipeInput(topics.ingested, markerInput(marker, p));
    await driver.pipeInput(topics.ingested, stakeInput(buildStake({ accountId: b!, activityId: 'after' })));

    const outputs = driver.readOutput(topics.enriched);
    const markers = outputs.filter((o) => decodeEvent(o).type === PIPELINE_EVENT_TYPES.drawMarker);
    expect(markers.map((o) => o.partition)).toEqual([0, 1, 2, 3]);
    expect(markers.map((o) => decodeEvent(o).data)).toEqual(Array(PARTITIONS).fill(marker));
    expect(markers.map((o) => decodeEvent(o).id)).toEqual([
      'trigger-1-0',
      'trigger-1-1',
      'trigger-1-2',
      'trigger-1-3',
    ]);
    const partition2 = outputs.filter((o) => o.partition === 2).map((o) => decodeEvent(o));
    expect(partition2.map(describeEvent)).toEqual(['stake before', 'marker', 'stake after']);
  });

  it('when a marker arrives, then it is forwarded even when no draw is defined for it', async () => {
    await driver.pipeInput(topics.ingested, markerInput(buildMarker({ drawId: 'unknown' }), 0));

    expect(driver.readOutput(topics.enriched)).toHaveLength(1);
    expect(driver.readOutput(topics.unmatched)).toEqual([]);
  });

  it.each([
    ['malformed bytes', { key: 'acc-1', value: Buffer.from([0xff, 0x00]), headers: {} }, /CloudEvent|JSON/i],
    [
      'a stake failing its schema',
      eventInput(EVENT_TYPES.stake, { ...buildStake(), stakeMinor: 'lots' }, { key: 'acc-1' }),
      /stakeMinor/,
    ],
    [
      'an event of a type enrichment does not read',
      eventInput(EVENT_TYPES.drawTrigger, { drawId: 'xmas-2024' }, { key: 'acc-1' }),
      /Enrichment reads/,
    ],
    ['an activity without a key', stakeInput(buildStake(), { key: null, partition: 0 }), /record key/],
  ])(
    'when the input is %s, then it lands in the DLQ with the reason and its neighbours are enriched',
    async (_, bad, reason) => {
      await driver.pipeInput(topics.ingested, stakeInput(buildStake({ activityId: 'before' })));
      await driver.pipeInput(topics.ingested, {
        partition: partitionForKey(topics.ingested, 'acc-1', PARTITIONS),
        ...bad,
      });
      await driver.pipeInput(topics.ingested, stakeInput(buildStake({ activityId: 'after' })));

      const [dead, ...more] = driver.readOutput(`${topics.ingested}.dlq`);
      expect(more).toEqual([]);
      expect(dead!.headers[DEAD_LETTER_HEADERS.reason]).toMatch(reason);
      expect(dead!.headers[DEAD_LETTER_HEADERS.originTopic]).toBe(topics.ingested);
      expect(enrichedData(driver.readOutput(topics.enriched)).map((e) => e.activityId)).toEqual([
        'before',
        'after',
      ]);
      expect(driver.readOutput(topics.unmatched)).toEqual([]);
    },
  );
});

function describeEvent(event: PrizedrawCloudEvent): string {
  if (event.type === PIPELINE_EVENT_TYPES.drawMarker) return 'marker';
  const data = event.data as EnrichedActivity;
  return `${data.kind} ${data.activityId}`;
}
