import { brokers, createTopics, produce, uniqueName } from '../../../test/support/kafka';
import { GlobalTable } from '../src';

// A global table (the draw definitions) is keyed by the record key: a key that is not UTF-8 must be rejected
// like a bad value, not applied under a key with U+FFFD in it.

describe('GlobalTable record keys', () => {
  it('when a record key is not valid UTF-8, then the record is rejected and the others are applied', async () => {
    const topic = uniqueName('it.global-table-keys');
    await createTopics([topic], 1);
    await produce(topic, [
      { key: 'draw-1', value: 'one' },
      { key: Buffer.from([0x64, 0xff]), value: 'bad' },
      { key: 'draw-2', value: 'two' },
    ]);
    const updates: string[] = [];
    const table = new GlobalTable<string>({
      topic,
      brokers: brokers(),
      deserialize: (message) => String(message.value),
      onUpdate: (key) => void updates.push(key),
    });

    await table.start();
    await table.close();

    expect(updates).toEqual(['draw-1', 'draw-2']);
    expect([...table.values()]).toEqual(['one', 'two']);
  });
});
