import { DEAD_LETTER_HEADERS, decodeEvent, EVENT_TYPES, topicNames } from '@prizedraw/events';
import { TopologyTestDriver } from '@prizedraw/stream';
import { eventInput } from '../../../test/support/pipeline-inputs';
import { buildDrawn, buildRedeemed } from '../test/support/instant-win-events';
import { createRedemptionDeletesTopology, WON_STORE } from './topology';

const topics = topicNames({ brand: 'test', env: 'test' });
const HOUR = 3_600_000;
const EXPIRES_AT = '2026-04-28T00:00:00.000Z';
const PARTITIONS = 2;

const drawn = (drawId: string, customerId = 'ann', won = true) =>
  buildDrawn(drawId, customerId, { won, expiresAt: EXPIRES_AT });
const redeemed = (drawId: string, customerId = 'ann') => buildRedeemed(drawId, customerId);
const input = (type: string, data: { customerId: string }, id: string) =>
  eventInput(type, data, { key: data.customerId, id, source: '/prizedraw/instant-win' });

async function storeKeys(driver: TopologyTestDriver): Promise<string[]> {
  const keys: string[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    for await (const [key] of driver.getKeyValueStore(WON_STORE, p).range()) keys.push(key);
  }
  return keys;
}

describe('redemption deletes topology', () => {
  let driver: TopologyTestDriver;
  const outcomes: string[] = [];
  beforeEach(async () => {
    outcomes.length = 0;
    const topology = createRedemptionDeletesTopology({
      instantWinEvents: topics.instantWinEvents,
      deletes: topics.messageDeletes,
      retentionMs: HOUR,
      expiryIntervalMs: 60_000,
      onRedemption: (outcome) => outcomes.push(outcome),
    });
    driver = await TopologyTestDriver.create(topology, {
      partitions: PARTITIONS,
      startTime: Date.parse('2026-03-29T10:00:00Z'),
    });
  });
  afterEach(() => driver.close());

  it('when a won coupon is redeemed, then one delete instruction names the drawn event as source, keyed by the customer, and the draw is forgotten', async () => {
    await driver.pipeInput(topics.instantWinEvents, input(EVENT_TYPES.instantWinDrawn, drawn('d-1'), '41'));
    await driver.pipeInput(topics.instantWinEvents, input(EVENT_TYPES.instantWinDrawn, drawn('d-2'), '42'));
    await driver.pipeInput(topics.instantWinEvents, input(EVENT_TYPES.couponRedeemed, redeemed('d-1'), '43'));
    // The same redemption read again (a relay that published its row twice): nothing more to delete.
    await driver.pipeInput(topics.instantWinEvents, input(EVENT_TYPES.couponRedeemed, redeemed('d-1'), '43'));

    const [output, ...more] = driver.readOutput(topics.messageDeletes);
    expect(more).toEqual([]);
    expect(output!.key).toBe('ann');
    expect(decodeEvent(output!)).toMatchObject({
      id: '43:delete',
      type: EVENT_TYPES.messageDelete,
      source: '/prizedraw/message-queue',
      data: { customerId: 'ann', sourceId: '41' },
    });
    expect(outcomes).toEqual(['deleted', 'unknown-draw']);
    expect(await storeKeys(driver)).toEqual([
      'w/d-2',
      `x/${String(Date.parse(EXPIRES_AT) + HOUR).padStart(15, '0')}/d-2`,
    ]);
  });

  it('when a draw won nothing, or its win was never read, then a redemption makes no instruction', async () => {
    await driver.pipeInput(
      topics.instantWinEvents,
      input(EVENT_TYPES.instantWinDrawn, drawn('d-lost', 'bob', false), '51'),
    );
    await driver.pipeInput(
      topics.instantWinEvents,
      input(EVENT_TYPES.couponRedeemed, redeemed('d-old', 'bob'), '52'),
    );

    expect(driver.readOutput(topics.messageDeletes)).toEqual([]);
    expect(outcomes).toEqual(['unknown-draw']);
    expect(await storeKeys(driver)).toEqual([]);
  });

  it('when a coupon expired more than the retention ago, then its draw is forgotten', async () => {
    await driver.pipeInput(topics.instantWinEvents, input(EVENT_TYPES.instantWinDrawn, drawn('d-1'), '61'));
    const untilForgotten = Date.parse(EXPIRES_AT) + HOUR - Date.parse('2026-03-29T10:00:00Z');
    await driver.advanceWallClockTime(untilForgotten - 60_000);
    expect(await storeKeys(driver)).toHaveLength(2);
    await driver.advanceWallClockTime(60_000);
    expect(await storeKeys(driver)).toEqual([]);
  });

  it('when a record of another type arrives, then it goes to the DLQ with the reason', async () => {
    await driver.pipeInput(
      topics.instantWinEvents,
      input(EVENT_TYPES.messageDelete, { customerId: 'ann', sourceId: '1' } as never, '71'),
    );
    const [dead] = driver.readOutput(`${topics.instantWinEvents}.dlq`);
    expect(dead!.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/Expected prizedraw\.instant-win-drawn\.v1/);
    expect(driver.readOutput(topics.messageDeletes)).toEqual([]);
  });
});
