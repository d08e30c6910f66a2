import { createHash } from 'node:crypto';
import {
  deriveTicket,
  PIPELINE_EVENT_TYPES,
  type RunChunk,
  type RunEnd,
  topicNames,
} from '@prizedraw/events';
import { type TestInput, TopologyTestDriver } from '@prizedraw/stream';
import { decoded, grantMessage, markerMessage, runEntries } from '../test/support/builders';
import { formatTicket } from './processors/ticket-format';
import { createTicketWalletTopology } from './topology';

const topics = topicNames();
const seed = createHash('sha256').update('verifiable-wallet').digest();

describe('ticket-wallet with draw seeds', () => {
  let driver: TopologyTestDriver;
  const start = async (seeds: (drawId: string) => Promise<Buffer | undefined>) => {
    driver = await TopologyTestDriver.create(createTicketWalletTopology({ topics, seeds }), {
      partitions: 1,
    });
  };
  afterEach(() => driver.close());
  const pipe = async (...messages: TestInput[]) => {
    for (const message of messages) await driver.pipeInput(topics.tickets, message);
  };
  const markers = (offsets: (string | undefined)[]) =>
    offsets.map((cutoffOffset, sourcePartition) =>
      markerMessage(0, { sourcePartitions: offsets.length, sourcePartition, cutoffOffset }),
    );
  const run = () => decoded<RunChunk | RunEnd>(driver.readOutput(topics.runs));

  it("when the draw has a seed, then the customer's best ticket is the highest of their derived tickets 1..n", async () => {
    await start(async (drawId) => (drawId === 'xmas' ? seed : undefined));
    await pipe(
      grantMessage({ customerId: 'ann', grantId: 'g1', tickets: 4, total: 4 }),
      grantMessage({ customerId: 'ann', grantId: 'g2', tickets: 6, total: 10 }),
      ...markers(['41', '7']),
    );
    const derived = Array.from({ length: 10 }, (_, n) =>
      formatTicket(deriveTicket(seed, 'xmas', 'ann', n + 1)),
    );
    const [chunk, end] = run();
    expect(runEntries([chunk!])[0]).toMatchObject({
      customerId: 'ann',
      ticket: derived.sort().at(-1),
      tickets: 10,
    });
    expect(end!.type).toBe(PIPELINE_EVENT_TYPES.runEnd);
    expect((end!.data as RunEnd).cutoffOffsets).toEqual([
      { partition: 0, offset: '41' },
      { partition: 1, offset: '7' },
    ]);
  });

  it('when one marker carries no cut-off offset, then the run-end lists none rather than a partial list', async () => {
    await start(async () => undefined);
    await pipe(grantMessage({ customerId: 'bob' }), ...markers(['41', undefined]));
    const end = run().at(-1)!;
    expect(end.data).not.toHaveProperty('cutoffOffsets');
  });
});
