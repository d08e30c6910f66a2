import { topicNames } from '@prizedraw/events';
import { TopologyTestDriver } from '@prizedraw/stream';
import { markerMessage, seededRandomBytes } from '../../test/support/builders';
import { createTicketWalletTopology } from '../topology';
import { LIVE_COUNT_PROBLEMS } from './answer-live-count';
import { answerDrawMarkers, type OwnedWalletPartitions } from './draw-markers';
import { WALLET_STORE } from './wallet-store';

const topics = topicNames();
const PARTITIONS = 3;

describe('answerDrawMarkers', () => {
  let driver: TopologyTestDriver;
  // This instance owns wallet partitions 0 and 1; another instance owns 2.
  const partitions = (ready = true): OwnedWalletPartitions => ({
    ready: () => ready,
    partitionCount: () => PARTITIONS,
    store: async (partition) =>
      partition < 2 ? driver.getKeyValueStore<unknown>(WALLET_STORE, partition) : undefined,
  });
  const marker = (partition: number, sourcePartition: number) =>
    markerMessage(partition, { drawId: 'xmas', sourcePartitions: PARTITIONS, sourcePartition });

  beforeEach(async () => {
    const topology = createTicketWalletTopology({ topics, randomBytes: seededRandomBytes('markers') });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS });
  });
  afterEach(() => driver.close());

  it('when some markers reached a partition, then it lists their source partitions and waits for the rest; an owned partition without any says so', async () => {
    await driver.pipeInput(topics.tickets, marker(0, 2));
    await driver.pipeInput(topics.tickets, marker(0, 0));
    expect(await answerDrawMarkers('xmas', partitions())).toEqual({
      drawId: 'xmas',
      partitions: [
        { partition: 0, markers: [0, 2], sourcePartitions: 3, drawn: false },
        { partition: 1, markers: [], sourcePartitions: null, drawn: false },
      ],
    });
  });

  it('when every marker reached a partition, then it has sent its run', async () => {
    for (const source of [0, 1, 2]) await driver.pipeInput(topics.tickets, marker(1, source));
    const { partitions: owned } = await answerDrawMarkers('xmas', partitions());
    expect(owned[1]).toEqual({ partition: 1, markers: [0, 1, 2], sourcePartitions: 3, drawn: true });
  });

  it('when the wallet is rebalancing, then a 503 problem with Retry-After', async () => {
    await expect(answerDrawMarkers('xmas', partitions(false))).rejects.toMatchObject({
      status: 503,
      type: LIVE_COUNT_PROBLEMS.notReady,
      headers: { 'retry-after': '1' },
    });
  });
});
