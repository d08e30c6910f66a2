import { topicNames } from '@prizedraw/events';
import { partitionForKey, TopologyTestDriver } from '@prizedraw/stream';
import { grantMessage, seededRandomBytes } from '../../test/support/builders';
import { createTicketWalletTopology } from '../topology';
import {
  answerLiveCount,
  LIVE_COUNT_PROBLEMS,
  liveCountParamsSchema,
  type WalletPartitions,
} from './answer-live-count';
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

  it('when the customer holds tickets on an owned partition, then the count and best ticket', async () => {
    const answer = await answerLiveCount({ drawId: 'xmas', accountId: 'ann' }, partitions());
    expect(answer).toEqual({
      drawId: 'xmas',
      accountId: 'ann',
      tickets: 7,
      bestTicket: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      partition: owned,
    });
  });

  it('when the customer holds no ticket in that draw, then a 404 problem saying so', async () => {
    await expect(answerLiveCount({ drawId: 'easter', accountId: 'ann' }, partitions())).rejects.toMatchObject(
      {
        status: 404,
        type: LIVE_COUNT_PROBLEMS.noTickets,
        message: 'customer ann holds no ticket in draw easter',
        extensions: { partition: owned },
      },
    );
  });

  it('when another instance owns the partition, then a 421 problem naming the partition', async () => {
    await expect(answerLiveCount({ drawId: 'xmas', accountId: other }, partitions())).rejects.toMatchObject({
      status: 421,
      type: LIVE_COUNT_PROBLEMS.partitionElsewhere,
      extensions: { partition: partitionOf(other) },
    });
  });

  it('when the wallet is rebalancing, then a 503 problem with Retry-After', async () => {
    await expect(
      answerLiveCount({ drawId: 'xmas', accountId: 'ann' }, partitions(false)),
    ).rejects.toMatchObject({
      status: 503,
      type: LIVE_COUNT_PROBLEMS.notReady,
      headers: { 'retry-after': '1' },
    });
  });

  it.each([
    [{ drawId: '', accountId: 'ann' }, 'drawId'],
    [{ drawId: 'xmas', accountId: '' }, 'accountId'],
    [{ drawId: 'xmas', accountId: '  ' }, 'accountId'],
    [{ drawId: 'xmas' }, 'accountId'],
    [{ drawId: 'x'.repeat(257), accountId: 'ann' }, 'drawId'],
  ])('when a parameter is invalid (%j), then the params schema names %s', (params, field) => {
    const parsed = liveCountParamsSchema.safeParse(params);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });
});
