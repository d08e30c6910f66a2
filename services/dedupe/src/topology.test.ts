import {
  DEAD_LETTER_HEADERS,
  decodeEvent,
  type EnrichedActivity,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  topicNames,
  type Unqualification,
} from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { partitionForKey, type TestOutput, TopologyTestDriver } from '@prizedraw/stream';
import { Registry } from 'prom-client';
import { buildDrawDefinition } from '../../../test/support/pipeline-inputs';
import {
  buildEnriched,
  buildEnrichedEntry,
  buildMarker,
  CLOSES_AT,
  enrichedInput,
  eventInput,
  markerInput,
} from '../test/support/builders';
import type { DrawSeenIndex } from './processors/seen-set';
import { type DedupeTopologyOptions, dedupeTopology, SEEN_STORE } from './topology';

const topics = topicNames({ brand: 'test' });
const PARTITIONS = 4;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const passed = (outputs: TestOutput[]) => outputs.map((o) => decodeEvent(o).data as EnrichedActivity);
const partitionOf = (key: string) => partitionForKey(topics.enriched, key, PARTITIONS);

async function createDriver(options: Partial<DedupeTopologyOptions> = {}) {
  const registry = new Registry();
  const topology = dedupeTopology({ topics, retentionMs: HOUR, registry, ...options });
  const driver = await TopologyTestDriver.create(topology, {
    partitions: PARTITIONS,
    startTime: Date.parse(CLOSES_AT) - HOUR,
  });
  return { driver, registry };
}

async function storeKeys(driver: TopologyTestDriver, partition: number): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of driver.getKeyValueStore(SEEN_STORE, partition).range()) keys.push(key);
  return keys;
}

describe('dedupe topology', () => {
  let driver: TopologyTestDriver;
  let registry: Registry;
  beforeEach(async () => ({ driver, registry } = await createDriver()));
  afterEach(() => driver.close());

  it('when an activity arrives twice, then it passes once, re-stamped, and the repeat is counted for its draw', async () => {
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched(), { id: 'evt-1' }));
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched(), { id: 'evt-1-again' }));

    const [output, ...more] = driver.readOutput(topics.relevant);
    expect(more).toEqual([]);
    const event = decodeEvent(output!);
    expect(event).toMatchObject({
      id: 'evt-1',
      type: PIPELINE_EVENT_TYPES.enrichedActivity,
      data: buildEnriched(),
    });
    expect(output!.key).toBe('acc-1');
    expect(event.timeline.map((s) => s.stage)).toEqual(['occurred', 'dedupe.out']);
    const index = await driver
      .getKeyValueStore<DrawSeenIndex>(SEEN_STORE, partitionOf('acc-1'))
      .get('i/xmas-2024');
    expect(index).toEqual({
      closesAt: CLOSES_AT,
      expiresAt: Date.parse(CLOSES_AT) + HOUR,
      duplicates: 1,
      emailRepeats: 0,
    });
    const counter = await registry.getSingleMetric('prizedraw_dedupe_dropped_total')!.get();
    expect(counter.values.map((v) => [v.labels.reason, v.value])).toEqual([['duplicate', 1]]);
  });

  it('when the same activity id comes for other draws, kinds or customers, then none of them is taken for a repeat', async () => {
    const activities = [
      buildEnriched(),
      buildEnriched({ drawId: 'xmas-weekly' }),
      buildEnriched({ kind: 'award', tickets: 2 }),
      buildEnriched({ customerId: 'acc-2' }),
      buildEnriched({ drawId: 'a/b', customerId: 'acc-1' }),
      buildEnriched({ drawId: 'a', customerId: 'b/acc-1' }),
    ];
    for (const activity of activities) await driver.pipeInput(topics.enriched, enrichedInput(activity));

    expect(passed(driver.readOutput(topics.relevant))).toEqual(activities);
  });

  it('when a draw takes one entry per email, then a second entry of the email is dropped, whatever its case', async () => {
    const first = buildEnrichedEntry('ann@example.com', { customerId: 'acc-1', activityId: 'entry-1' });
    const second = buildEnrichedEntry(' Ann@Example.COM', { customerId: 'acc-1', activityId: 'entry-2' });
    const otherDraw = buildEnrichedEntry('ann@example.com', { customerId: 'acc-1', drawId: 'monthly' });
    const stake = buildEnriched({ activityId: 'bet-9', draw: { dedupeOnEmail: true } });
    for (const activity of [first, second, otherDraw, stake]) {
      await driver.pipeInput(topics.enriched, enrichedInput(activity));
    }

    expect(passed(driver.readOutput(topics.relevant))).toEqual([first, otherDraw, stake]);
    const index = await driver
      .getKeyValueStore<DrawSeenIndex>(SEEN_STORE, partitionOf('acc-1'))
      .get('i/xmas-2024');
    expect(index).toMatchObject({ duplicates: 0, emailRepeats: 1 });
  });

  it('when a draw does not dedupe on email, then entries of one email all pass', async () => {
    const entries = ['entry-1', 'entry-2'].map((activityId) =>
      buildEnrichedEntry('ann@example.com', { activityId, draw: { dedupeOnEmail: false } }),
    );
    for (const entry of entries) await driver.pipeInput(topics.enriched, enrichedInput(entry));

    expect(passed(driver.readOutput(topics.relevant))).toEqual(entries);
  });

  it('when closesAt + retention passes, then the draw seen marks and index are deleted and later draws are kept', async () => {
    const later = buildEnriched({ drawId: 'later', draw: { closesAt: '2024-12-02T00:00:00.000Z' } });
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched()));
    await driver.pipeInput(topics.enriched, enrichedInput(later));
    const partition = partitionOf('acc-1');

    await driver.advanceWallClockTime(2 * HOUR - MINUTE); // a minute before the draw expires
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched()));
    expect(passed(driver.readOutput(topics.relevant))).toHaveLength(2);

    await driver.advanceWallClockTime(MINUTE);
    expect(await storeKeys(driver, partition)).toEqual([
      'd/later/stake/acc-1/bet-1',
      'i/later',
      `x/${String(Date.parse('2024-12-02T01:00:00Z')).padStart(15, '0')}/later`,
    ]);
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched()));
    expect(passed(driver.readOutput(topics.relevant))).toHaveLength(1); // forgotten, so not a repeat any more
  });

  it('when a draw closesAt moves later, then its marks expire at the new time', async () => {
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched()));
    const extended = buildEnriched({ activityId: 'bet-2', draw: { closesAt: '2024-12-01T06:00:00.000Z' } });
    await driver.pipeInput(topics.enriched, enrichedInput(extended));

    await driver.advanceWallClockTime(3 * HOUR);
    expect(await storeKeys(driver, partitionOf('acc-1'))).toHaveLength(4); // 2 marks, index, expiry
    await driver.advanceWallClockTime(5 * HOUR);
    expect(await storeKeys(driver, partitionOf('acc-1'))).toEqual([]);
  });

  it('when a draw has more marks than one punctuation may delete, then it expires over several and keeps its index until the last', async () => {
    await driver.close();
    ({ driver } = await createDriver({ expiryBatchSize: 2, expiryIntervalMs: MINUTE }));
    for (let i = 0; i < 5; i++) {
      await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ activityId: `bet-${i}` })));
    }
    const partition = partitionOf('acc-1');

    await driver.advanceWallClockTime(2 * HOUR);
    expect(await storeKeys(driver, partition)).toHaveLength(3 + 2);
    await driver.advanceWallClockTime(MINUTE);
    expect(await storeKeys(driver, partition)).toHaveLength(1 + 2);
    await driver.advanceWallClockTime(MINUTE);
    expect(await storeKeys(driver, partition)).toEqual([]);
  });

  it('when markers come between activities, then each passes unchanged, in order, to the partition it came from', async () => {
    const partition = partitionOf('acc-1');
    const marker = buildMarker();
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ activityId: 'before' })));
    for (let p = 0; p < PARTITIONS; p++) await driver.pipeInput(topics.enriched, markerInput(marker, p));
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ activityId: 'before' }))); // a repeat
    await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ activityId: 'after' })));

    const outputs = driver.readOutput(topics.relevant);
    const markers = outputs.filter((o) => decodeEvent(o).type === PIPELINE_EVENT_TYPES.drawMarker);
    expect(markers.map((o) => [o.partition, decodeEvent(o).id, decodeEvent(o).data])).toEqual(
      [0, 1, 2, 3].map((p) => [p, `trigger-1-${p}`, marker]),
    );
    const ownPartition = outputs.filter((o) => o.partition === partition).map((o) => decodeEvent(o));
    expect(ownPartition.map((e) => (e.data as EnrichedActivity).activityId ?? 'marker')).toEqual([
      'before',
      'marker',
      'after',
    ]);
  });

  it.each([
    [
      'an enriched activity failing its schema',
      eventInput(
        PIPELINE_EVENT_TYPES.enrichedActivity,
        { ...buildEnriched(), kind: 'bet' },
        { key: 'acc-1' },
      ),
      /data\.kind/,
    ],
    [
      'an event of a type dedupe does not read',
      eventInput(
        EVENT_TYPES.stake,
        { accountId: 'acc-1', promoCode: 'P', activityId: 'x', stakeMinor: 1, currency: 'EUR' },
        { key: 'acc-1' },
      ),
      /Dedupe reads/,
    ],
    [
      'an entry without an email in a draw that dedupes on email',
      enrichedInput({ ...buildEnrichedEntry('ann@example.com', { customerId: 'acc-1' }), email: undefined }),
      /data\.email/,
    ],
  ])(
    'when the input is %s, then it lands in the DLQ with the reason and marks nothing',
    async (_, bad, reason) => {
      await driver.pipeInput(topics.enriched, bad);
      await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ activityId: 'after' })));

      const [dead, ...more] = driver.readOutput(`${topics.enriched}.dlq`);
      expect(more).toEqual([]);
      expect(dead!.headers[DEAD_LETTER_HEADERS.reason]).toMatch(reason);
      expect(passed(driver.readOutput(topics.relevant)).map((a) => a.activityId)).toEqual(['after']);
      expect(await storeKeys(driver, partitionOf('acc-1'))).toHaveLength(3); // after's mark, index, expiry
    },
  );

  describe('unqualification split', () => {
    const tags = ['unqualification', 'week-3', 'stake'];
    const definitions = new InMemoryDrawDefinitions([
      buildDrawDefinition(),
      buildDrawDefinition({ drawId: 'xmas-w3', promoCode: 'XMAS-W3', tags: ['unqualification', 'week-3'] }),
    ]);
    const unqualification = { topic: topics.unqualified, definitions, definitionWaitMs: 50 };

    beforeEach(async () => {
      await driver.close();
      ({ driver } = await createDriver({ unqualification }));
    });

    it('when a tagged activity passes, then it becomes an unqualification on its own topic keyed by the customer; untagged activity and markers stay on relevant', async () => {
      const tagged = buildEnriched({ drawId: 'xmas-w3', activityId: 'unq-1', tags });
      const untagged = buildEnriched({ activityId: 'bet-2' });
      await driver.pipeInput(topics.enriched, enrichedInput(tagged, { id: 'evt-unq' }));
      await driver.pipeInput(topics.enriched, enrichedInput(tagged, { id: 'evt-unq-again' })); // a repeat
      await driver.pipeInput(topics.enriched, enrichedInput(untagged));
      for (let p = 0; p < PARTITIONS; p++)
        await driver.pipeInput(topics.enriched, markerInput(buildMarker(), p));

      const [output, ...more] = driver.readOutput(topics.unqualified);
      expect(more).toEqual([]);
      expect(output!.key).toBe('acc-1');
      expect(output!.partition).toBe(partitionOf('acc-1'));
      const event = decodeEvent(output!);
      expect(event).toMatchObject({
        id: 'evt-unq:unqualification',
        type: PIPELINE_EVENT_TYPES.unqualification,
        source: '/prizedraw/dedupe',
      });
      expect(event.data).toEqual({
        accountId: 'acc-1',
        promoCode: 'XMAS-W3',
        week: 3,
        activityId: 'unq-1',
      } satisfies Unqualification);
      const relevant = driver.readOutput(topics.relevant).map((o) => decodeEvent(o));
      expect(relevant.map((e) => e.type)).toEqual([
        PIPELINE_EVENT_TYPES.enrichedActivity,
        ...Array(PARTITIONS).fill(PIPELINE_EVENT_TYPES.drawMarker),
      ]);
      expect(relevant[0]!.data).toEqual(untagged);
    });

    it('when a tagged draw names no week, then the unqualification is for week two; another tag is configurable', async () => {
      await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ tags: ['unqualification'] })));
      expect(decodeEvent(driver.readOutput(topics.unqualified)[0]!).data).toMatchObject({
        promoCode: 'XMAS',
        week: 2,
      });

      await driver.close();
      ({ driver } = await createDriver({ unqualification: { ...unqualification, tag: 'tim-unq' } }));
      await driver.pipeInput(topics.enriched, enrichedInput(buildEnriched({ tags: ['unqualification'] })));
      await driver.pipeInput(
        topics.enriched,
        enrichedInput(buildEnriched({ activityId: 'b', tags: ['tim-unq'] })),
      );
      expect(driver.readOutput(topics.relevant)).toHaveLength(1);
      expect(driver.readOutput(topics.unqualified)).toHaveLength(1);
    });

    it('when the draw of a tagged activity is not in the definitions table, then the record is retried, not forwarded', async () => {
      const unknown = buildEnriched({ drawId: 'not-defined-yet', tags });
      await expect(driver.pipeInput(topics.enriched, enrichedInput(unknown))).rejects.toMatchObject({
        retriable: true,
        message: expect.stringMatching(/not-defined-yet/),
      });
      expect(driver.readOutput(topics.unqualified)).toEqual([]);
      expect(driver.readOutput(`${topics.enriched}.dlq`)).toEqual([]);
    });
  });

  it.each([
    [{ retentionMs: -1 }, /retentionMs/],
    [{ expiryIntervalMs: 0 }, /expiryIntervalMs/],
    [{ expiryBatchSize: 1.5 }, /expiryBatchSize/],
  ])('when an option is out of range (%j), then the factory names it', (options, message) => {
    expect(() => dedupeTopology({ topics, ...options })).toThrow(message);
  });
});
