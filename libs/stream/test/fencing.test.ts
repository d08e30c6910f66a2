import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTopics, kafka, uniqueName } from '../../../test/support/kafka';
import { waitUntil } from '../../../test/support/wait-until';
import { KafkaStreams } from '../src';
import { buildStakeMessage, countingTopology } from './support/counting-topology';

describe('a new owner of a partition', () => {
  it('when its task opens, then the previous owner can no longer commit what it had in flight', async () => {
    const topics = { input: uniqueName('fence-in'), output: uniqueName('fence-out') };
    const applicationId = uniqueName('fence-app');
    await createTopics([topics.input, topics.output], 1);
    // The previous owner of partition 0 (same transactional id as the task's), in the middle of a transaction.
    const previous = kafka.producer({
      transactionalId: `${applicationId}-0`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await previous.connect();
    const inFlight = await previous.transaction();
    await inFlight.send({ topic: topics.output, messages: [buildStakeMessage()] });

    const streams = new KafkaStreams(countingTopology(topics), {
      applicationId,
      brokers: process.env.KAFKA_BROKERS!.split(','),
      stateDir: await mkdtemp(join(tmpdir(), 'fence-')),
      partitions: 1,
      sessionTimeoutMs: 6000,
    });
    try {
      await streams.start();
      await waitUntil('partition 0 assigned', () => streams.isReady());
      // Resolves once the task is open: restored and ready to process, with no input yet.
      await streams.store('counts', 0);
      await expect(inFlight.commit()).rejects.toThrow(/fenc|epoch/i);
    } finally {
      await streams.close();
      await previous.disconnect();
    }
  });
});
