import { topicNames } from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { TopologyTestDriver } from '@prizedraw/stream';
import { Registry } from 'prom-client';
import { buildDefinition, runMessages } from '../test/support/builders';
import { drawDurationHistogram, observeDrawDuration } from './draw-duration-histogram';
import { createPrizeDrawTopology } from './topology';

const topics = topicNames();
// The builders' run messages are stamped as having happened (been triggered) at this instant.
const TRIGGERED_AT = Date.parse('2026-12-24T18:00:00Z');
const RUNS = [
  { partition: 0, entries: [['ann', 'f', 1] as [string, string, number]] },
  { partition: 1, entries: [['bob', 'e', 2] as [string, string, number]] },
];

describe('prizedraw_prize_draw_duration_seconds', () => {
  let driver: TopologyTestDriver;
  afterEach(() => driver.close());

  const drawAfter = async (administrator: 'in-house' | 'sca', secondsAfterTrigger: number) => {
    const registry = new Registry();
    const histogram = drawDurationHistogram(registry);
    const topology = createPrizeDrawTopology({
      topics,
      definitions: new InMemoryDrawDefinitions([buildDefinition({ administrator })]),
      punctuateEveryMs: 100,
      onCompleted: (status, now) => observeDrawDuration(histogram, status, now),
    });
    driver = await TopologyTestDriver.create(topology, {
      partitions: 2,
      startTime: TRIGGERED_AT + secondsAfterTrigger * 1000 - 100,
    });
    for (const message of runMessages('xmas', 2, RUNS)) await driver.pipeInput(topics.runs, message);
    await driver.advanceWallClockTime(100);
    await driver.advanceWallClockTime(100);
    const { values } = await histogram.get();
    return {
      count: values.find((v) => v.metricName?.endsWith('_count'))?.value,
      sum: values.find((v) => v.metricName?.endsWith('_sum'))?.value,
    };
  };

  it('when a draw completes, then its duration from the trigger is observed once', async () => {
    expect(await drawAfter('in-house', 42)).toEqual({ count: 1, sum: 42 });
  });

  it('when the draw is left to SCA, then nothing is observed', async () => {
    expect(await drawAfter('sca', 42)).toEqual({ count: 0, sum: 0 });
  });

  it('when a second service registers it on the same registry, then both share one histogram', () => {
    const registry = new Registry();
    expect(drawDurationHistogram(registry)).toBe(drawDurationHistogram(registry));
  });
});
