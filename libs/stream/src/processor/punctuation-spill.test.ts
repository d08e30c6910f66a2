import { DecodeError } from '@prizedraw/events';
import { TopologyTestDriver } from '../test-utils/topology-test-driver';
import type { Processor, ProcessorContext } from './processor';
import { Record } from './record';
import { StreamTask } from './stream-task';
import { Topology } from './topology';

// A punctuation whose output is too large to hold back (a draw sending its results) hands it over as it
// goes. The record after it must still be dead-lettered when it cannot be decoded, not fail the task.

class Announcer implements Processor<string | null, string, string | null, string> {
  constructor(
    private readonly count: number,
    private readonly value: string,
  ) {}
  init(context: ProcessorContext<string | null, string>) {
    context.schedule(1_000, 'wall-clock', async () => {
      for (let i = 0; i < this.count; i++) await context.forward(new Record(`k-${i}`, this.value, 0));
    });
  }
  process() {}
}

const topology = (count = 1_500, value = 'announced') =>
  new Topology()
    .addSource('words', {
      topic: 'words',
      deserializer: (message) => {
        if (message.value?.toString() === 'garbage') throw new DecodeError('not a word');
        return new Record(
          message.key?.toString() ?? null,
          message.value?.toString() ?? '',
          message.timestamp,
        );
      },
    })
    .addProcessor('announce', () => new Announcer(count, value), 'words')
    .addSink(
      'announcements',
      {
        topic: 'announcements',
        serializer: (record: Record<string | null, string>) => ({
          key: record.key,
          value: record.value,
          headers: {},
        }),
      },
      'announce',
    );

describe('a punctuation whose output spilled', () => {
  it('when the next record cannot be decoded, then it is dead-lettered', async () => {
    const driver = await TopologyTestDriver.create(topology());
    try {
      await driver.advanceWallClockTime(1_000);
      expect(driver.readOutput('announcements')).toHaveLength(1_500);
      await driver.pipeInput('words', { key: 'k', value: 'garbage' });
      expect(driver.readOutput('words.dlq').map((m) => String(m.value))).toEqual(['garbage']);
    } finally {
      await driver.close();
    }
  });
});

describe('a punctuation whose output is large in bytes', () => {
  it('when it sends twelve 1 MB records, then they reach the collector in parts of a few MB', async () => {
    const handedOver: number[] = [];
    const task = new StreamTask({
      topology: topology(12, 'x'.repeat(1024 * 1024)),
      applicationId: 'spill-bytes',
      partition: 0,
      stores: new Map(),
      collector: {
        send: (messages) => {
          handedOver.push(messages.length);
          return undefined;
        },
      },
      partitionCount: () => 1,
      now: () => 1_000,
    });
    await task.init();
    await task.punctuate(2_000);

    expect(handedOver).toEqual([4, 4, 4]);
  });
});
