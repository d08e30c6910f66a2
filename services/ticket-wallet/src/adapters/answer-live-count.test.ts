import { topicNames } from '@prizedraw/events';
import { partitionForKey, TopologyTestDriver } from '@prizedraw/stream';
import { grantMessage, seededRandomBytes } from '../../test/support/builders';
import { createTicketWalletTopology } from '../topology';
import { answerLiveCount, type WalletPartitions } from './answer-live-count';
import { WALLET_STORE } from './wallet-store';

const topics = topicNames();
const PARTITIONS = 2;
const partitionOf = (accountId: string) => partitionForKey(topics.tickets, accountId, PARTITIONS);

describe('answerLiveCount', () => {
  let driver: TopologyTestDriver;
  // This instance owns the partition of 'ann' only; the other one belongs to another instance.
  const owned = partitionOf('ann');
  const other = ['bob', 'cat', 'dan', 'eve'].find((account) => partitionOf(account) !== owned)!;
  const partitions = (ready = true): WalletPartitions => ({
    ready: () => ready,
    partitionOf,
    store: async (partition) =>
      partition === owned ? driver.getKeyValueStore<unknown>(WALLET_STORE, partition) : undefined,
  });

  beforeEach(async () => {
    const topology = createTicketWalletTopology({ topics, randomBytes: seededRandomBytes('live-count') });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS });
    await driver.pipeInput(
      topics.tickets,
      grantMessage({ customerId: 'ann', grantId: 'g1', tickets: 3, total: 3 }),
    );
    await driver.pipeInput(
      topics.tickets,
      grantMessage({ customerId: 'ann', grantId: 'g2', tickets: 4, total: 7 }),
    );
  });
  afterEach(() => driver.close());

  it('when the customer holds tickets on an owned partition, then 200 with the count and best ticket', async () => {
    const answer = await answerLiveCount({ drawId: 'xmas', accountId: 'ann' }, partitions());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      drawId: 'xmas',
      accountId: 'ann',
      tickets: 7,
      bestTicket: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      partition: owned,
    });
  });

  it('when the customer holds no ticket in that draw, then 404 saying so', async () => {
    const answer = await answerLiveCount({ drawId: 'easter', accountId: 'ann' }, partitions());
    expect(answer).toEqual({
      status: 404,
      body: { error: 'no-tickets', message: 'customer ann holds no ticket in draw easter', partition: owned },
    });
  });

  it('when another instance owns the partition, then 421 naming the partition', async () => {
    const answer = await answerLiveCount({ drawId: 'xmas', accountId: other }, partitions());
    expect(answer.status).toBe(421);
    expect(answer.body).toMatchObject({ error: 'partition-elsewhere', partition: partitionOf(other) });
  });

  it('when the wallet is rebalancing, then 503', async () => {
    const answer = await answerLiveCount({ drawId: 'xmas', accountId: 'ann' }, partitions(false));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: 'not-ready' });
  });

  it.each([
    [{ drawId: '', accountId: 'ann' }, 'drawId'],
    [{ drawId: 'xmas', accountId: '' }, 'accountId'],
    [{ drawId: 'xmas', accountId: '  ' }, 'accountId'],
    [{ drawId: 'xmas' }, 'accountId'],
  ])('when a parameter is invalid (%j), then 400 naming %s', async (params, field) => {
    const answer = await answerLiveCount(params, partitions());
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: 'invalid-parameter',
      message: expect.stringMatching(new RegExp(`^${field}: `)),
    });
  });
});
