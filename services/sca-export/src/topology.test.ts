import {
  type DrawDefined,
  decodeEvent,
  PIPELINE_EVENT_TYPES,
  type RunEnd,
  type RunEntry,
  topicNames,
} from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { DeadLetterHeaders, TopologyTestDriver } from '@prizedraw/stream';
import { eventInput } from '../../../test/support/pipeline-inputs';
import { createScaExportTopology } from './topology';

const topics = topicNames();

const buildDraw = (drawId: string, administrator: 'sca' | 'in-house'): DrawDefined => ({
  drawId,
  promoCode: 'gift',
  opensAt: '2026-03-01T00:00:00-05:00',
  closesAt: '2026-03-02T00:00:00-05:00',
  timezone: 'America/New_York',
  administrator,
  maxWinsPerCustomer: 1,
  milestones: [],
  prizes: [{ prizeId: 'sca', name: 'Drawn by SCA', quantity: 1 }],
  defaultPrize: null,
  tags: [],
  dedupeOnEmail: false,
});

const entry = (drawId: string, partition: number, seq: number) =>
  eventInput(
    PIPELINE_EVENT_TYPES.runEntry,
    {
      drawId,
      partition,
      seq,
      ticket: 'ffffffff-ffff-4fff-8fff-000000000000',
      customerId: `c-${partition}-${seq}`,
      tickets: 1,
    } satisfies RunEntry,
    { key: drawId, partition: 0 },
  );
const end = (drawId: string, partition: number, entries: number) =>
  eventInput(
    PIPELINE_EVENT_TYPES.runEnd,
    { drawId, partition, partitions: 2, entries, tickets: entries } satisfies RunEnd,
    { key: drawId, partition: 0 },
  );

describe('sca-export topology', () => {
  let driver: TopologyTestDriver;
  let definitions: InMemoryDrawDefinitions;
  let spooled: [string, string, number][];
  beforeEach(async () => {
    spooled = [];
    definitions = new InMemoryDrawDefinitions([buildDraw('sca-1', 'sca'), buildDraw('house', 'in-house')]);
    const topology = createScaExportTopology(topics, definitions, {
      onRunEntries: (drawId, offset, run) => spooled.push([drawId, offset, run.entries]),
    });
    driver = await TopologyTestDriver.create(topology, { partitions: 1 });
  });
  afterEach(() => driver.close());

  const pipe = async (...inputs: ReturnType<typeof entry>[]) => {
    for (const input of inputs) await driver.pipeInput(topics.runs, input);
  };
  const ready = () => driver.readOutput(topics.scaExports).map((out) => decodeEvent(out));

  it('when every wallet partition of an SCA draw has ended its run, then one export-ready names the offset range', async () => {
    await pipe(entry('house', 0, 0), entry('sca-1', 0, 0), entry('sca-1', 1, 0), end('sca-1', 0, 1));
    expect(ready()).toEqual([]);
    await pipe(entry('sca-1', 1, 1), end('sca-1', 1, 2));
    const [out, ...more] = ready();
    expect(more).toEqual([]);
    expect(out!.type).toBe(PIPELINE_EVENT_TYPES.scaExportReady);
    expect(out!.data).toEqual({
      drawId: 'sca-1',
      runsPartition: 0,
      fromOffset: '1',
      toOffset: '5',
      partitions: 2,
      entries: 3,
    });
    expect(spooled).toEqual([
      ['sca-1', '1', 1],
      ['sca-1', '2', 1],
      ['sca-1', '4', 1],
    ]);
  });

  it('when the definition reaches the table after the first run records, then the range still starts at the first', async () => {
    await pipe(entry('sca-2', 0, 0), entry('sca-2', 1, 0));
    definitions.put(buildDraw('sca-2', 'sca'));
    await pipe(entry('sca-2', 0, 1), end('sca-2', 0, 2), end('sca-2', 1, 1));
    const [out, ...more] = ready();
    expect(more).toEqual([]);
    expect(out!.data).toMatchObject({ drawId: 'sca-2', fromOffset: '0', toOffset: '4', entries: 3 });
    // Only what was parsed as SCA's reached the spool: the export reads the whole range back instead.
    expect(spooled).toEqual([['sca-2', '2', 1]]);
  });

  it('when every run has ended before the definition arrives, then the draw is exported once the table has it', async () => {
    await pipe(entry('sca-3', 0, 0), end('sca-3', 0, 1), end('sca-3', 1, 0));
    await driver.advanceWallClockTime(5_000);
    expect(ready()).toEqual([]);
    definitions.put(buildDraw('sca-3', 'sca'));
    await driver.advanceWallClockTime(1_000);
    const [out, ...more] = ready();
    expect(more).toEqual([]);
    expect(out!.data).toEqual({
      drawId: 'sca-3',
      runsPartition: 0,
      fromOffset: '0',
      toOffset: '2',
      partitions: 2,
      entries: 1,
    });
    await pipe(end('sca-3', 1, 0));
    await driver.advanceWallClockTime(1_000);
    expect(ready()).toEqual([]);
  });

  it('when a draw whose runs ended before its definition turns out in-house, then nothing is exported', async () => {
    await pipe(end('house-2', 0, 0), end('house-2', 1, 0));
    definitions.put(buildDraw('house-2', 'in-house'));
    await driver.advanceWallClockTime(1_000);
    expect(ready()).toEqual([]);
  });

  it('when a run-end repeats or comes after the draw is ready, then no second export-ready is sent', async () => {
    await pipe(end('sca-1', 0, 0), end('sca-1', 0, 0), end('sca-1', 1, 0), end('sca-1', 1, 0));
    expect(ready()).toHaveLength(1);
  });

  it('when the draw is administered in-house, then nothing is exported', async () => {
    await pipe(entry('house', 0, 0), end('house', 0, 1), end('house', 1, 0));
    expect(ready()).toEqual([]);
  });

  it('when a run-end cannot be decoded, then it is dead-lettered and the draw waits for a valid one', async () => {
    await pipe({ ...end('sca-1', 0, 0), value: '{"drawId":' }, end('sca-1', 1, 0));
    const [dead] = driver.readOutput(`${topics.runs}.dlq`);
    expect(dead!.headers[DeadLetterHeaders.reason]).toMatch(/JSON|decode/i);
    expect(ready()).toEqual([]);
    await pipe(end('sca-1', 0, 0));
    expect(ready()).toHaveLength(1);
  });

  it('when a run record key is not valid UTF-8, then it is dead-lettered and the draw waits for a valid one', async () => {
    await pipe(
      { ...end('sca-1', 0, 0), key: Buffer.from([...Buffer.from('sca-1'), 0xff]) },
      end('sca-1', 1, 0),
    );
    const [dead, ...more] = driver.readOutput(`${topics.runs}.dlq`);
    expect(more).toEqual([]);
    expect(dead!.headers[DeadLetterHeaders.reason]).toMatch(/record key is not valid UTF-8: 0x7363612d31ff/);
    expect(ready()).toEqual([]);
    await pipe(end('sca-1', 0, 0));
    expect(ready()).toHaveLength(1);
  });

  it('when a run entry ce_type header is not valid UTF-8, then it is dead-lettered naming the header, not passed over', async () => {
    const input = entry('sca-1', 0, 0);
    await pipe({ ...input, headers: { ...input.headers, ce_type: Buffer.from([0x72, 0xff]) } });

    const [dead, ...more] = driver.readOutput(`${topics.runs}.dlq`);
    expect(more).toEqual([]);
    expect(dead!.headers[DeadLetterHeaders.reason]).toMatch(/header ce_type is not valid UTF-8: 0x72ff$/);
    expect(dead!.headers.ce_type).toEqual(Buffer.from([0x72, 0xff]));
    expect(spooled).toEqual([]);
  });
});
