import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTopics, produce, readUntil, uniqueName } from '../../../test/support/kafka';
import { DeadLetterHeaders, KafkaStreams } from '../src';
import { decodeCounts } from './support/counting-checks';
import { buildStakeMessage, countingTopology } from './support/counting-topology';

describe('dead-letter topic on the real broker', () => {
  it('when malformed, non-CloudEvent and schema-violating records arrive, then each lands in the DLQ with reason and origin and the rest is processed', async () => {
    const topics = { input: uniqueName('dlq-in'), output: uniqueName('dlq-out') };
    await createTopics([topics.input, topics.output], 1);
    const stateDir = await mkdtemp(join(tmpdir(), 'dlq-'));
    const streams = new KafkaStreams(countingTopology(topics), {
      applicationId: uniqueName('dlq-app'),
      brokers: process.env.KAFKA_BROKERS!.split(','),
      stateDir,
    });
    await streams.start();
    try {
      const valid = buildStakeMessage({ accountId: 'a', activityId: 'ok-1' });
      const schemaViolation = {
        ...valid,
        value: Buffer.from(valid.value.toString().replace('"currency":"EUR"', '"currency":"euros"')),
      };
      await produce(topics.input, [
        valid,
        { key: 'a', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
        { key: 'a', value: '{"just":"json"}', headers: { 'content-type': 'application/json' } },
        schemaViolation,
        buildStakeMessage({ accountId: 'a', activityId: 'ok-2' }),
      ]);

      const dead = await readUntil(`${topics.input}.dlq`, (seen) => seen.length >= 3);
      const counts = decodeCounts(await readUntil(topics.output, (seen) => seen.length >= 2));
      expect(counts.map((c) => c.activityId)).toEqual(['ok-1', 'ok-2']);
      expect(dead.map((m) => m.headers?.[DeadLetterHeaders.originOffset]?.toString())).toEqual([
        '1',
        '2',
        '3',
      ]);
      for (const message of dead) {
        expect(message.headers?.[DeadLetterHeaders.originTopic]?.toString()).toBe(topics.input);
        expect(message.headers?.[DeadLetterHeaders.reason]?.toString()).toMatch(/\w+/);
      }
      expect(dead[2]!.headers?.[DeadLetterHeaders.reason]?.toString()).toMatch(/currency/);
    } finally {
      await streams.close();
    }
  }, 60_000);
});
