import {
  bind,
  decodeEvent,
  EVENT_TYPES,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  toCloudEvent,
  topicNames,
} from '@prizedraw/events';
import { InMemoryDrawDefinitions, parkingSettings } from '@prizedraw/service';
import { TopologyTestDriver } from '@prizedraw/stream';
import { AT, buildDraw } from '../../enrichment/test/support/builders';
import { createIngestionTopology, createTriggerTopology } from './topology';

const topics = topicNames();
const PARTITIONS = 4;

function message(type: string, data: unknown, key?: string, time?: string) {
  const encoded = encodeEvent(
    toCloudEvent(bind(data), { type, source: '/test', ...(time && { time }) }),
    key === undefined ? {} : { key },
  );
  return { key: key ?? null, value: encoded.value, headers: encoded.headers };
}

const buildStake = (overrides = {}) => ({
  accountId: ' acc-1 ',
  promoCode: 'XMAS',
  activityId: 'bet-1',
  stakeMinor: 250,
  currency: 'EUR',
  ...overrides,
});

describe('ingestion topology', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    const definitions = new InMemoryDrawDefinitions([
      buildDraw({ promoCode: 'XMAS' }),
      buildDraw({ drawId: 'gift', promoCode: 'gift' }),
    ]);
    driver = await TopologyTestDriver.create(
      createIngestionTopology({
        topics,
        definitions,
        parking: parkingSettings({}, { definitionWaitMs: 50 }),
      }),
      {
        partitions: PARTITIONS,
      },
    );
  });
  afterEach(() => driver.close());

  it('when a stake arrives, then it is normalized and keyed by account, keeping its id', async () => {
    await driver.pipeInput(topics.activity, message(EVENT_TYPES.stake, buildStake(), 'acc-1', AT.inside));
    const [out] = driver.readOutput(topics.ingested);
    const event = decodeEvent(out!);
    expect(out!.key).toBe('acc-1');
    expect(event.data).toEqual({ ...buildStake(), accountId: 'acc-1' });
    expect(event.timeline.map((s) => s.stage)).toEqual(['occurred', 'ingestion.out']);
  });

  it('when a contest entry has no account, then its customer is the normalized email', async () => {
    const entry = { entryId: 'e-1', utmContent: 'gift', email: 'Ann@Example.COM' };
    await driver.pipeInput(topics.activity, message(EVENT_TYPES.entry, entry, 'whatever', AT.inside));
    const [out] = driver.readOutput(topics.ingested);
    expect(out!.key).toBe('ann@example.com');
    expect(decodeEvent(out!).data).toMatchObject({ email: 'ann@example.com' });
  });

  it('when an event that is not activity arrives, then it is dead-lettered naming its type', async () => {
    await driver.pipeInput(topics.activity, message(EVENT_TYPES.drawTrigger, { drawId: 'd' }, 'd'));
    const [dead] = driver.readOutput(`${topics.activity}.dlq`);
    expect(dead!.headers['dlq-reason']).toMatch(/type: prizedraw.draw-trigger.v1 is not an activity event/);
    expect(driver.readOutput(topics.ingested)).toEqual([]);
  });

  it('when a draw marker arrives on a partition, then every output partition gets a copy naming that partition', async () => {
    const marker = { drawId: 'd', triggerId: 't', sourcePartitions: PARTITIONS };
    await driver.pipeInput(topics.activity, {
      ...message(PIPELINE_EVENT_TYPES.drawMarker, marker, 'd'),
      partition: 2,
    });
    const copies = driver.readOutput(topics.ingested);
    expect(copies.map((c) => c.partition)).toEqual([0, 1, 2, 3]);
    for (const copy of copies)
      expect(decodeEvent(copy).data).toEqual({
        ...marker,
        sourcePartition: 2,
        cutoffOffset: expect.stringMatching(/^\d+$/),
      });
  });
});

describe('trigger topology', () => {
  const draw = buildDraw({ drawId: 'xmas' });
  let driver: TopologyTestDriver;
  let definitions: InMemoryDrawDefinitions;
  beforeEach(async () => {
    definitions = new InMemoryDrawDefinitions([draw]);
    const topology = createTriggerTopology(topics, definitions, 200);
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS });
  });
  afterEach(() => driver.close());

  it('when a draw is triggered, then a marker lands in every activity partition', async () => {
    await driver.pipeInput(topics.triggers, message(EVENT_TYPES.drawTrigger, { drawId: 'xmas' }, 'xmas'));
    const markers = driver.readOutput(topics.activity);
    expect(markers.map((m) => m.partition)).toEqual([0, 1, 2, 3]);
    expect(decodeEvent(markers[0]!).data).toMatchObject({ drawId: 'xmas', sourcePartitions: PARTITIONS });
  });

  it('when the same draw is triggered twice, then only the first trigger fans out', async () => {
    await driver.pipeInput(topics.triggers, message(EVENT_TYPES.drawTrigger, { drawId: 'xmas' }, 'xmas'));
    await driver.pipeInput(topics.triggers, message(EVENT_TYPES.drawTrigger, { drawId: 'xmas' }, 'xmas'));
    expect(driver.readOutput(topics.activity)).toHaveLength(PARTITIONS);
  });

  it('when the trigger overtakes its draw definition on the way to this process, then it waits for it and fans out', async () => {
    const later = { ...draw, drawId: 'later' };
    setTimeout(() => definitions.put(later), 50);
    await driver.pipeInput(topics.triggers, message(EVENT_TYPES.drawTrigger, { drawId: 'later' }, 'later'));
    expect(driver.readOutput(topics.activity)).toHaveLength(PARTITIONS);
    expect(driver.readOutput(`${topics.triggers}.dlq`)).toEqual([]);
  });

  it('when the trigger names a draw that stays undefined, then it is dead-lettered after the wait', async () => {
    await driver.pipeInput(topics.triggers, message(EVENT_TYPES.drawTrigger, { drawId: 'nope' }, 'nope'));
    expect(driver.readOutput(`${topics.triggers}.dlq`)[0]!.headers['dlq-reason']).toMatch(
      /no draw is defined with id nope/,
    );
  });
});
