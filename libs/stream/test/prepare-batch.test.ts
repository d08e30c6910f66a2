import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bind, decodeEvent, encodeEvent, type PrizedrawCloudEvent, toCloudEvent } from '@prizedraw/events';
import { createTopics, produce, readUntil, uniqueName } from '../../../test/support/kafka';
import {
  DeadLetterHeaders,
  KafkaStreams,
  type Processor,
  type ProcessorContext,
  Record,
  Topology,
} from '../src';
import { buildStakeMessage } from './support/counting-topology';

type Event = PrizedrawCloudEvent<{ activityId: string }>;

// A processor that looks ahead (Processor.prepareBatch, what notifications asks decisions with) on the real
// broker: it must see a fetched batch's records before processing them, the very records it then processes,
// and never one that does not deserialize (that one is dead-lettered by process as before).
describe('a processor that prepares each input batch, on the real broker', () => {
  it('when a backlog with a malformed record is read, then the valid records are prepared in batches, each processed once as prepared, and the malformed one dead-lettered', async () => {
    const topics = { input: uniqueName('prep-in'), output: uniqueName('prep-out') };
    await createTopics([topics.input, topics.output], 1);
    const batches: number[] = [];
    const prepared = new Set<Record<string | null, Event>>();
    const processed: { activityId: string; prepared: boolean }[] = [];
    const lookingAhead = (): Processor<string | null, Event, string | null, Event> => {
      let context!: ProcessorContext<string | null, Event>;
      return {
        init: (given) => {
          context = given;
        },
        prepareBatch: (records) => {
          batches.push(records.length);
          for (const record of records) prepared.add(record);
        },
        process: async (record) => {
          processed.push({ activityId: record.value.data.activityId, prepared: prepared.delete(record) });
          await context.forward(record);
        },
      };
    };
    const topology = new Topology()
      .addSource('in', {
        topic: topics.input,
        deserializer: (message) =>
          new Record(message.key?.toString() ?? null, decodeEvent(message) as Event, message.timestamp),
      })
      .addProcessor('prepare', lookingAhead, 'in')
      .addSink(
        'out',
        {
          topic: topics.output,
          serializer: (record: Record<string | null, Event>) =>
            encodeEvent(
              toCloudEvent(bind(record.value.data, record.value), {
                type: record.value.type,
                source: '/test',
              }),
              { key: record.key ?? 'none' },
            ),
        },
        'prepare',
      );
    const valid = Array.from({ length: 20 }, (_, i) => buildStakeMessage({ activityId: `ok-${i}` }));
    await produce(topics.input, [
      ...valid.slice(0, 10),
      { key: 'acc-1', value: '{"just":"json"}' },
      ...valid.slice(10),
    ]);
    const streams = new KafkaStreams(topology, {
      applicationId: uniqueName('prep-app'),
      brokers: process.env.KAFKA_BROKERS!.split(','),
      stateDir: await mkdtemp(join(tmpdir(), 'prep-')),
    });
    await streams.start();
    try {
      const dead = await readUntil(`${topics.input}.dlq`, (seen) => seen.length >= 1);
      await readUntil(topics.output, (seen) => seen.length >= 20);
      expect(dead[0]?.headers?.[DeadLetterHeaders.originOffset]?.toString()).toBe('10');
      expect(processed).toEqual(valid.map((_, i) => ({ activityId: `ok-${i}`, prepared: true })));
      expect(batches.reduce((sum, n) => sum + n, 0)).toBe(20);
      expect(Math.max(...batches)).toBeGreaterThan(1);
    } finally {
      await streams.close();
    }
  }, 60_000);
});
