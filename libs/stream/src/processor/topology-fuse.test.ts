import { DecodeError, ValidationError } from '@prizedraw/events';
import { type TestOutput, TopologyTestDriver } from '../test-utils/topology-test-driver';
import type { Processor, ProcessorContext } from './processor';
import { Record } from './record';
import type { SinkOptions, SourceOptions } from './topology';
import { Topology } from './topology';

// Two stages keyed alike, as the pipeline's are: `shout` upper-cases words from `words` onto `shouted`,
// `tally` counts each key's words from `shouted` onto `tallies`, in a store.

const json = (topic: string): SourceOptions<string | null, string> & SinkOptions<string | null, string> => ({
  topic,
  deserializer: (message) => {
    const text = message.value?.toString() ?? '';
    if (text === 'garbage') throw new DecodeError('not a word');
    return new Record(message.key?.toString() ?? null, text, message.timestamp);
  },
  serializer: (record) => ({ key: record.key, value: record.value, headers: { stage: topic } }),
});

class Shout implements Processor<string | null, string, string | null, string> {
  #context!: ProcessorContext<string | null, string>;
  init(context: ProcessorContext<string | null, string>) {
    this.#context = context;
  }
  process(record: Record<string | null, string>) {
    // "move:<key>" re-keys the word, which a fused task cannot follow to another partition.
    const [word, movedTo] = record.value.split(':move:');
    const shouted = record.withValue(word!.toUpperCase());
    return this.#context.forward(movedTo === undefined ? shouted : shouted.withKey(movedTo));
  }
}

class Tally implements Processor<string | null, string, string | null, string> {
  #context!: ProcessorContext<string | null, string>;
  init(context: ProcessorContext<string | null, string>) {
    this.#context = context;
  }
  async process(record: Record<string | null, string>) {
    if (record.value === 'REFUSED') throw new ValidationError([{ path: 'data', message: 'refused' }]);
    const store = this.#context.getStateStore<number>('tally');
    const count = ((await store.get(record.key!)) ?? 0) + 1;
    store.put(record.key!, count);
    return this.#context.forward(record.withValue(`${record.value} #${count}`));
  }
}

const shoutStage = (shouted = json('shouted')) =>
  new Topology()
    .addSource('words', json('words'))
    .addProcessor('shout', () => new Shout(), 'words')
    .addSink('shouted', shouted, 'shout');

const tallyStage = (shouted = json('shouted')) =>
  new Topology()
    .addSource('shouted', shouted)
    .addProcessor('tally', () => new Tally(), 'shouted')
    .addStateStore({ name: 'tally' }, 'tally')
    .addSink('tallies', json('tallies'), 'tally');

const words = ['alpha', 'beta', 'alpha', 'gamma', 'beta', 'alpha'].map((value, i) => ({
  key: `customer-${i % 3}`,
  value,
}));

const summary = (outputs: TestOutput[]) =>
  outputs.map(({ partition, key, value }) => ({ partition, key, value }));

describe('Topology.fuse', () => {
  const drivers: TopologyTestDriver[] = [];
  const driverOf = async (topology: Topology) => {
    const driver = await TopologyTestDriver.create(topology, { partitions: 4 });
    drivers.push(driver);
    return driver;
  };
  afterEach(async () => {
    for (const driver of drivers.splice(0)) await driver.close();
  });

  it('when two stages are fused, then only the first reads Kafka and the second is fed by the first one’s sink', () => {
    const fused = Topology.fuse([shoutStage(), tallyStage()]);
    expect(fused.sources().map((s) => s.source.topic)).toEqual(['words']);
    expect(fused.linkedSources().map((s) => [s.name, s.source.topic])).toEqual([['shouted@link', 'shouted']]);
    expect(fused.sinks().map((s) => s.sink.topic)).toEqual(['shouted', 'tallies']);
    expect(fused.stores().map((s) => s.name)).toEqual(['tally']);
  });

  it('when words go through the fused stages, then both topics get what the stages apart write, partition by partition', async () => {
    const apart = [await driverOf(shoutStage()), await driverOf(tallyStage())] as const;
    const fused = await driverOf(Topology.fuse([shoutStage(), tallyStage()]));
    for (const word of words) await apart[0].pipeInput('words', word);
    const shouted = apart[0].readOutput('shouted');
    for (const { key, value, partition } of shouted)
      await apart[1].pipeInput('shouted', { key: key as string, value: value as string, partition });
    for (const word of words) await fused.pipeInput('words', word);

    expect(summary(fused.readOutput('shouted'))).toEqual(summary(shouted));
    const tallies = summary(fused.readOutput('tallies'));
    expect(tallies).toEqual(summary(apart[1].readOutput('tallies')));
    expect(tallies.map((t) => t.value)).toEqual([
      'ALPHA #1',
      'BETA #1',
      'ALPHA #1',
      'GAMMA #2',
      'BETA #2',
      'ALPHA #2',
    ]);
  });

  it('when the linked source can adopt the value the sink gave before encoding, then it takes that instead of the bytes', async () => {
    const read: string[] = [];
    const bytes = json('shouted');
    // Gives the value before encoding, but for BETA, which the linked source then decodes.
    const adopting: typeof bytes = {
      ...bytes,
      serializer: (record) => ({
        ...bytes.serializer(record),
        ...(record.value !== 'BETA' && { decoded: record.value }),
      }),
      deserializer: (message) => {
        read.push(`decoded ${message.value}`);
        return bytes.deserializer(message);
      },
      adopt: ({ key, decoded, timestamp }) => {
        read.push(`adopted ${decoded}`);
        return new Record(key as string, decoded as string, timestamp);
      },
    };
    const fused = await driverOf(Topology.fuse([shoutStage(adopting), tallyStage(adopting)]));
    const plain = await driverOf(Topology.fuse([shoutStage(), tallyStage()]));
    for (const word of words) {
      await fused.pipeInput('words', word);
      await plain.pipeInput('words', word);
    }

    expect(read).toEqual([
      'adopted ALPHA',
      'decoded BETA',
      'adopted ALPHA',
      'adopted GAMMA',
      'decoded BETA',
      'adopted ALPHA',
    ]);
    expect(summary(fused.readOutput('shouted'))).toEqual(summary(plain.readOutput('shouted')));
    expect(summary(fused.readOutput('tallies'))).toEqual(summary(plain.readOutput('tallies')));
  });

  it('when a fused stage rejects its input, then the input record is dead-lettered whole and no stage keeps anything of it', async () => {
    const fused = await driverOf(Topology.fuse([shoutStage(), tallyStage()]));
    await fused.pipeInput('words', { key: 'customer-0', value: 'refused' });
    await fused.pipeInput('words', { key: 'customer-0', value: 'garbage' });
    await fused.pipeInput('words', { key: 'customer-0', value: 'alpha' });

    expect(fused.readOutput('words.dlq').map((m) => String(m.value))).toEqual(['refused', 'garbage']);
    expect(summary(fused.readOutput('shouted')).map((m) => m.value)).toEqual(['ALPHA']);
    expect(summary(fused.readOutput('tallies')).map((m) => m.value)).toEqual(['ALPHA #1']);
  });

  it('when a stage moves a record to another partition, then the fused task fails instead of processing it in the wrong one', async () => {
    const fused = await driverOf(Topology.fuse([shoutStage(), tallyStage()]));
    // customer-0 and customer-2 fall on different partitions of four.
    await expect(
      fused.pipeInput('words', { key: 'customer-0', value: 'alpha:move:customer-2' }),
    ).rejects.toThrow(
      /fused topology: a record for shouted partition \d came out of the task of partition \d/,
    );
  });

  it('when two stages use the same node or store name, then fusing them fails naming it', () => {
    const reading = (processor: string, store: string) =>
      new Topology()
        .addSource('tallies', json('tallies'))
        .addProcessor(processor, () => new Tally(), 'tallies')
        .addStateStore({ name: store }, processor);
    expect(() => Topology.fuse([tallyStage(), reading('tally', 'recount')])).toThrow(
      /a node named tally exists already/,
    );
    expect(() => Topology.fuse([tallyStage(), reading('recount', 'tally')])).toThrow(
      /store tally is defined twice/,
    );
  });
});
