import { decodeAndValidate, topicNames } from '@prizedraw/events';
import type { Outbound } from '@prizedraw/service';
import { type ProcessorContext, Record, type TestInput, TopologyTestDriver } from '@prizedraw/stream';
import pLimit from 'p-limit';
import { allMarkers, grantMessage, seededRandomBytes } from '../../test/support/builders';
import { WALLET_STORE } from '../adapters/wallet-store';
import { createTicketWalletTopology } from '../topology';
import { type RunQueue, TicketWalletProcessor } from './ticket-wallet-processor';

const topics = topicNames();
const PARTITIONS = 2;

/**
 * A wallet partition outside any runtime: its store one of the test driver's, and a forward that yields to the
 * event loop, as a real one waiting for the broker does, and notes which partition sent what. (The driver
 * itself hands its outputs over partition by partition, so it cannot show runs interleaving.)
 */
function walletPartition(driver: TopologyTestDriver, partition: number, runQueue: RunQueue, sent: number[]) {
  const store = driver.getKeyValueStore<unknown>(WALLET_STORE, partition);
  const context = {
    applicationId: 'wallet-test',
    partition,
    forward: async () => {
      sent.push(partition);
      await new Promise((resolve) => setImmediate(resolve));
    },
    getStateStore: () => store,
    schedule: () => ({ cancel: () => {} }),
    recordMetadata: () => ({ topic: topics.tickets, partition, offset: '0' }),
    sinkPartitions: () => PARTITIONS,
  } as unknown as ProcessorContext<string | null, Outbound>;
  const processor = new TicketWalletProcessor(
    seededRandomBytes(`p${partition}`),
    async () => undefined,
    topics.exclusions,
    runQueue,
  );
  processor.init(context);
  const process = (message: TestInput) =>
    processor.process(
      new Record(
        typeof message.key === 'string' ? message.key : null,
        decodeAndValidate(message as never),
        0,
      ),
    );
  return { process };
}

describe('TicketWalletProcessor runs', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(createTicketWalletTopology({ topics }), {
      partitions: PARTITIONS,
    });
  });
  afterEach(() => driver.close());

  /** Two partitions of 2,500 customers each (three chunks and an end a run) whose last markers come together. */
  const sendTogether = async (runQueue: RunQueue) => {
    const sent: number[] = [];
    const wallets = [0, 1].map((partition) => walletPartition(driver, partition, runQueue, sent));
    for (let i = 0; i < 5_000; i++)
      await wallets[i % PARTITIONS]!.process(
        grantMessage({ customerId: `c-${i}`, tickets: 1, total: 1, maxWinsPerCustomer: 1 }),
      );
    const markers = allMarkers('xmas', PARTITIONS);
    const byPartition = (partition: number) => markers.filter((m) => m.partition === partition);
    for (const partition of [0, 1]) await wallets[partition]!.process(byPartition(partition)[0]!);
    await Promise.all([0, 1].map((partition) => wallets[partition]!.process(byPartition(partition)[1]!)));
    return sent;
  };
  const switches = (partitions: number[]) => partitions.filter((p, i) => i > 0 && p !== partitions[i - 1]);

  it('when two partitions of one process send their runs at once through a shared queue, then the runs do not interleave', async () => {
    const order = await sendTogether(pLimit(1));
    expect(order.length).toBe(2 * 4);
    expect(switches(order)).toHaveLength(1);
  });

  it('when they send without a shared queue, then the runs interleave (what the queue prevents)', async () => {
    expect(switches(await sendTogether((send) => send())).length).toBeGreaterThan(1);
  });
});
