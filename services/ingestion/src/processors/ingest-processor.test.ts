import {
  type DrawMarker,
  decodeEvent,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  topicNames,
} from '@prizedraw/events';
import {
  InMemoryDrawDefinitions,
  ParkingLot,
  parkingSettings,
  UNMATCHED_REASON_HEADER,
  UNMATCHED_STATUS_HEADER,
} from '@prizedraw/service';
import { partitionForKey, type TestOutput, TopologyTestDriver } from '@prizedraw/stream';
import { buildMarker, eventInput } from '../../../../test/support/pipeline-inputs';
import { AT, buildDraw, buildEntry, buildStake } from '../../../enrichment/test/support/builders';
import { createIngestionTopology } from '../topology';
import { PARKED_STORE } from './ingest-processor';

// The ingestion topology on the in-memory driver: activity that comes before its draw is parked and
// released once the draw is known (by a punctuation, by the next record, or before the draw's marker).

const topics = topicNames({ brand: 'test' });
const PARTITIONS = 4;
const DAY = 24 * 60 * 60_000;
const RETENTION = 8 * DAY;
const onPartition = (key: string) => partitionForKey(topics.activity, key, PARTITIONS);
const describeOutput = (o: TestOutput) => {
  const event = decodeEvent(o);
  if (event.type === PIPELINE_EVENT_TYPES.drawMarker) return `marker ${o.partition}`;
  return `${o.key} ${(event.data as { activityId?: string; entryId?: string }).activityId ?? (event.data as { entryId: string }).entryId}`;
};

describe('ingestion parking', () => {
  let definitions: InMemoryDrawDefinitions;
  let driver: TopologyTestDriver;
  let clock: number;

  beforeEach(async () => {
    clock = Date.parse(AT.inside);
    definitions = new InMemoryDrawDefinitions();
    const parking = parkingSettings(
      { PARKING_RETENTION_MS: RETENTION },
      { now: () => clock, definitionWaitMs: 500 },
    );
    const topology = createIngestionTopology({ topics, definitions, parking });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS, startTime: clock });
  });
  afterEach(() => driver.close());

  const advance = async (ms: number) => {
    clock += ms;
    await driver.advanceWallClockTime(ms);
  };
  const stake = (activityId: string, overrides = {}) =>
    eventInput(EVENT_TYPES.stake, buildStake({ activityId, ...overrides }), { key: 'acc-1', id: activityId });
  const entry = (entryId: string, overrides = {}) => {
    const data = buildEntry({ entryId, ...overrides });
    return eventInput(EVENT_TYPES.entry, data, { key: data.accountId ?? data.email, id: entryId });
  };
  const parkedCount = async () => {
    let count = 0;
    for (let p = 0; p < PARTITIONS; p++) {
      for await (const [key] of driver.getKeyValueStore(PARKED_STORE, p).range())
        if (key.startsWith('p/')) count++;
    }
    return count;
  };

  it('when a stake comes before its draw is defined, then it is parked, shown on the unmatched topic as parked, and nothing is ingested', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1'));

    expect(driver.readOutput(topics.ingested)).toEqual([]);
    const [shown, ...more] = driver.readOutput(topics.unmatched);
    expect(more).toEqual([]);
    expect(shown!.key).toBe('acc-1');
    expect(shown!.headers[UNMATCHED_STATUS_HEADER]).toBe('parked');
    expect(shown!.headers[UNMATCHED_REASON_HEADER]).toBe(`no draw of promo XMAS is open at ${AT.inside}`);
    expect(decodeEvent(shown!)).toMatchObject({ type: EVENT_TYPES.stake, id: 'bet-1' });
    expect(await parkedCount()).toBe(1);
  });

  it('when its draw is then defined, then the parked stake is released by the punctuation, keyed by account, with its id and time', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1'));
    definitions.put(buildDraw());
    await advance(1_000);

    const [released, ...more] = driver.readOutput(topics.ingested);
    expect(more).toEqual([]);
    expect(released!.key).toBe('acc-1');
    expect(decodeEvent(released!)).toMatchObject({ type: EVENT_TYPES.stake, id: 'bet-1', time: AT.inside });
    expect(await parkedCount()).toBe(0);
  });

  it('when a draw is defined after more records than one page of release, then all are released, oldest first', async () => {
    const count = 1_005;
    for (let i = 0; i < count; i++) {
      const time = new Date(Date.parse(AT.inside) + (count - i) * 1_000).toISOString();
      await driver.pipeInput(
        topics.activity,
        eventInput(EVENT_TYPES.stake, buildStake({ activityId: `bet-${i}` }), {
          key: 'acc-1',
          id: `bet-${i}`,
          time,
        }),
      );
    }
    definitions.put(buildDraw());
    await advance(1_000);

    const released = driver.readOutput(topics.ingested).map((o) => decodeEvent(o).id);
    expect(released).toEqual(Array.from({ length: count }, (_, i) => `bet-${count - 1 - i}`));
    expect(await parkedCount()).toBe(0);
  });

  it('when a draw is defined that does not cover a parked record (other promo, other time), then that record stays parked', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1', { promoCode: 'EASTER' }));
    await driver.pipeInput(topics.activity, stake('bet-2'));
    definitions.put(buildDraw({ opensAt: AT.closes, closesAt: '2024-12-24T00:00:00.000Z' }));
    await advance(1_000);

    expect(driver.readOutput(topics.ingested)).toEqual([]);
    expect(await parkedCount()).toBe(2);
  });

  it('when a task starts afresh (a restart, a moved partition) over parked records whose draw is known, then its first look releases them', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1'));
    definitions.put(buildDraw());
    const store = driver.getKeyValueStore(PARKED_STORE, onPartition('acc-1'));
    const released: string[] = [];
    const fresh = new ParkingLot(store, definitions, RETENTION);

    await fresh.releaseChanged(async (parked, draws) => {
      released.push(`${parked.event.id} ${draws.map((d) => d.drawId)}`);
    });

    expect(released).toEqual(['bet-1 xmas-2024']);
    expect(fresh.releaseChanged(async () => undefined)).toBeUndefined(); // nothing changed since
  });

  it('when a record comes after the definition but before any punctuation, then the parked records go first', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1'));
    definitions.put(buildDraw());
    await driver.pipeInput(topics.activity, stake('bet-2'));

    expect(driver.readOutput(topics.ingested).map(describeOutput)).toEqual(['acc-1 bet-1', 'acc-1 bet-2']);
  });

  it('when the marker of a draw overtakes the definition, then the marker waits for it and the parked activity goes before every copy of the marker', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1'));
    await driver.pipeInput(topics.activity, stake('bet-other', { promoCode: 'EASTER' }));
    setTimeout(() => definitions.put(buildDraw()), 50);
    const marker: DrawMarker = buildMarker({ drawId: 'xmas-2024' });
    await driver.pipeInput(topics.activity, {
      ...eventInput(PIPELINE_EVENT_TYPES.drawMarker, marker, { key: 'xmas-2024' }),
      partition: onPartition('acc-1'),
    });

    expect(driver.readOutput(topics.ingested).map(describeOutput)).toEqual([
      'acc-1 bet-1',
      ...[0, 1, 2, 3].map((p) => `marker ${p}`),
    ]);
    expect(await parkedCount()).toBe(1); // EASTER's stake waits on
  });

  it('when the retention passes without a draw, then the record expires to the unmatched topic and a later definition finds nothing', async () => {
    await driver.pipeInput(topics.activity, stake('bet-1'));
    driver.readOutput(topics.unmatched);

    await advance(RETENTION - 60_000);
    expect(driver.readOutput(topics.unmatched)).toEqual([]);
    await advance(60_000);
    const [expired, ...more] = driver.readOutput(topics.unmatched);
    expect(more).toEqual([]);
    expect(expired!.headers[UNMATCHED_STATUS_HEADER]).toBe('expired');
    expect(expired!.headers[UNMATCHED_REASON_HEADER]).toMatch(/no draw of promo XMAS is open/);
    expect(expired!.key).toBe('acc-1');
    expect(await parkedCount()).toBe(0);

    definitions.put(buildDraw());
    await advance(1_000);
    expect(driver.readOutput(topics.ingested)).toEqual([]);
  });

  it('when an entry names an account, then it is keyed by its email in a draw that dedupes on email and by the account otherwise', async () => {
    definitions.put(buildDraw({ drawId: 'sweeps-1', promoCode: 'sweeps', dedupeOnEmail: true }));
    definitions.put(buildDraw({ drawId: 'gift-1', promoCode: 'gift' }));
    definitions.put(buildDraw({ drawId: 'both-1', promoCode: 'both' }));
    definitions.put(buildDraw({ drawId: 'both-2', promoCode: 'both', dedupeOnEmail: true }));
    const named = { accountId: 'acc-9', email: 'Ann@Example.COM' };
    await driver.pipeInput(topics.activity, entry('e-sweeps', { ...named, utmContent: 'sweeps' }));
    await driver.pipeInput(
      topics.activity,
      entry('e-anon', { email: 'ann@example.com', utmContent: 'sweeps' }),
    );
    await driver.pipeInput(topics.activity, entry('e-gift', { ...named, utmContent: 'gift' }));
    await driver.pipeInput(topics.activity, entry('e-both', { ...named, utmContent: 'both' }));

    expect(driver.readOutput(topics.ingested).map(describeOutput)).toEqual([
      'ann@example.com e-sweeps',
      'ann@example.com e-anon',
      'acc-9 e-gift',
      'ann@example.com e-both',
    ]);
  });

  it('when an entry naming an account is parked and its draw dedupes on email, then it is released keyed by the email', async () => {
    await driver.pipeInput(topics.activity, entry('e-1', { accountId: 'acc-9', utmContent: 'late' }));
    expect(driver.readOutput(topics.unmatched).map((o) => o.key)).toEqual(['acc-9']);

    definitions.put(buildDraw({ drawId: 'late-1', promoCode: 'late', dedupeOnEmail: true }));
    await advance(1_000);

    const released = driver.readOutput(topics.ingested);
    expect(released.map(describeOutput)).toEqual(['ann@example.com e-1']);
    expect(released[0]!.partition).toBe(partitionForKey(topics.ingested, 'ann@example.com', PARTITIONS));
  });
});
