import { decodeEvent } from '@prizedraw/events';
import { buildStakeMessage, countingTopology, type StakeCount } from '../../test/support/counting-topology';
import { DeadLetterHeaders } from '../processor/dead-letter';
import { type TestOutput, TopologyTestDriver } from './topology-test-driver';

const topics = { input: 'stakes', output: 'counts' };

async function pipeStake(driver: TopologyTestDriver, overrides: Parameters<typeof buildStakeMessage>[0]) {
  const message = buildStakeMessage(overrides);
  await driver.pipeInput(topics.input, {
    key: message.key!.toString(),
    value: message.value,
    headers: message.headers,
  });
}

describe('TopologyTestDriver with the counting topology', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(countingTopology(topics), { partitions: 4 });
  });
  afterEach(() => driver.close());

  it('when stakes arrive, then each customer count and total is kept in the store of their partition', async () => {
    await pipeStake(driver, { accountId: 'a', stakeMinor: 100, activityId: '1' });
    await pipeStake(driver, { accountId: 'a', stakeMinor: 250, activityId: '2' });
    await pipeStake(driver, { accountId: 'b', stakeMinor: 5, activityId: '3' });

    const outputs = driver.readOutput(topics.output);
    const counts = outputs.map((o) => decodeEvent(o).data as StakeCount);
    expect(counts.map((c) => [c.accountId, c.count, c.totalMinor])).toEqual([
      ['a', 1, 100],
      ['a', 2, 350],
      ['b', 1, 5],
    ]);
    const partitionOfA = outputs[0]!.partition;
    await expect(driver.getKeyValueStore('counts', partitionOfA).get('a')).resolves.toEqual({
      count: 2,
      totalMinor: 350,
    });
  });

  it('when an output is produced, then it carries the input timeline plus the stages of this hop', async () => {
    await pipeStake(driver, { accountId: 'a' });
    const [output] = driver.readOutput(topics.output);
    const stages = decodeEvent(output!).timeline.map((s) => s.stage);
    expect(stages).toEqual(['occurred', 'count.process', 'count.out']);
  });

  it.each([
    ['malformed bytes', { value: Buffer.from([0xff, 0x00, 0x13]), headers: {} }, /not a CloudEvent|JSON/i],
    [
      'a record that is not a CloudEvent',
      { value: '{"hello":"world"}', headers: { 'content-type': 'application/json' } },
      /ce_|specversion|attribute/i,
    ],
    [
      'an event failing its schema',
      (() => {
        const m = buildStakeMessage();
        return {
          value: m.value.toString().replace('"stakeMinor":100', '"stakeMinor":"lots"'),
          headers: m.headers,
        };
      })(),
      /stakeMinor/,
    ],
  ])(
    'when the input is %s, then it lands in the DLQ with reason and origin and its neighbours are processed',
    async (_, bad, reason) => {
      await pipeStake(driver, { accountId: 'a', activityId: 'before' });
      await driver.pipeInput(topics.input, { key: 'a', ...bad });
      await pipeStake(driver, { accountId: 'a', activityId: 'after' });

      const [dead, ...more] = driver.readOutput(`${topics.input}.dlq`);
      expect(more).toEqual([]);
      expect(dead!.headers[DeadLetterHeaders.reason]).toMatch(reason);
      expect(dead!.headers[DeadLetterHeaders.originTopic]).toBe(topics.input);
      expect(dead!.headers[DeadLetterHeaders.originOffset]).toBe('1');
      expect(driver.readOutput(topics.output).map((o) => (decodeEvent(o).data as StakeCount).count)).toEqual([
        1, 2,
      ]);
    },
  );
});

describe('TopologyTestDriver dead letters', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(countingTopology(topics));
  });
  afterEach(() => driver.close());

  it('when a rejected record has a repeated header, a header without a value and one that is not UTF-8, then its dead letter carries every one as it came', async () => {
    const m = buildStakeMessage();
    const headers = {
      ...m.headers,
      traceparent: [Buffer.from('00-first-01'), Buffer.from('00-second-01')],
      'x-empty': null,
      'x-bytes': Buffer.from([0x01, 0xff]),
      'x-mixed': [null, Buffer.from('v')],
    };
    await driver.pipeInput(topics.input, { key: 'a', value: '{"accountId":', headers });

    const [dead] = driver.readOutput(`${topics.input}.dlq`);
    expect(dead!.headers).toEqual({ ...headers, ...pickDeadLetterHeaders(dead!.headers) });
    expect(dead!.headers[DeadLetterHeaders.reason]).toMatch(/JSON/);
  });
});

function pickDeadLetterHeaders(headers: TestOutput['headers']) {
  return Object.fromEntries(Object.values(DeadLetterHeaders).map((name) => [name, headers[name]]));
}
