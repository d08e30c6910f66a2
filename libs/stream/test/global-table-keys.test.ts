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
    const values = new Map<string, string>();
    const table = new GlobalTable<string>({
      topic,
      brokers: brokers(),
      deserialize: (message) => String(message.value),
      values,
    });

    await table.start();
    await table.close();

    expect([...values]).toEqual([
      ['draw-1', 'one'],
      ['draw-2', 'two'],
    ]);
  });
});
