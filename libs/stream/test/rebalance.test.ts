import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTopics, produce, readUntil, uniqueName } from '../../../test/support/kafka';
import { KafkaStreams } from '../src';
import { countIds, decodeCounts, readCountStores } from './support/counting-checks';
import { buildStakeMessage, countingTopology } from './support/counting-topology';

const ACCOUNTS = 200;

function stakes(round: number) {
  return Array.from({ length: ACCOUNTS }, (_, i) =>
    buildStakeMessage({ accountId: `acc-${i}`, activityId: `r${round}-${i}`, stakeMinor: 10 }),
  );
}

describe('state follows partitions', () => {
  it('when one of two instances stops, then the other restores its partitions from the changelog and counts stay exact', async () => {
    const topics = { input: uniqueName('rb-in'), output: uniqueName('rb-out') };
    const applicationId = uniqueName('rb-app');
    await createTopics([topics.input, topics.output], 8);
    const instance = async () => {
      const stateDir = await mkdtemp(join(tmpdir(), 'rb-'));
      const options = {
        applicationId,
        brokers: process.env.KAFKA_BROKERS!.split(','),
        stateDir,
        sessionTimeoutMs: 6000,
      };
      return { stateDir, streams: new KafkaStreams(countingTopology(topics), options) };
    };
    const first = await instance();
    const second = await instance();
    await Promise.all([first.streams.start(), second.streams.start()]);

    await produce(topics.input, stakes(1));
    await readUntil(topics.output, (seen) => seen.length >= ACCOUNTS);
    await first.streams.close();

    await produce(topics.input, stakes(2));
    const outputs = await readUntil(topics.output, (seen) => seen.length >= 2 * ACCOUNTS);
    await second.streams.close();

    expect(new Set(countIds(decodeCounts(outputs))).size).toBe(2 * ACCOUNTS);
    const stores = await readCountStores(second.stateDir, applicationId, 8);
    expect(stores.size).toBe(ACCOUNTS);
    for (const value of stores.values()) expect(value).toEqual({ count: 2, totalMinor: 20 });
  }, 120_000);
});
