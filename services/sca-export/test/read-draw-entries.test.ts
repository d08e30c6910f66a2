import { createTopics, kafka, produce, readAll, uniqueName } from '../../../test/support/kafka';
import { readDrawEntries } from '../src';
import { runEntryMessage } from './support/runs';

// The export reads a draw's entries back from the runs topic when its spool does not have them; it must give
// the rows the export topology spooled, no others. A run entry whose data is not UTF-8 (dead-lettered by the
// topology) used to be read with U+FFFD in its fields, and a record keyed by the draw id plus bad bytes was
// compared as rewritten text.

const BAD = Buffer.from([0xff, 0xfe]);

describe('readDrawEntries on the real broker', () => {
  it('when the range holds run entries with data or a key that is not UTF-8, then only the valid entries are read, in order', async () => {
    const topic = uniqueName('runs');
    await createTopics([topic], 1);
    const drawId = uniqueName('draw');
    const good = [0, 3].map((n) => runEntryMessage(drawId, 'utm', n, 1));
    const badData = runEntryMessage(drawId, 'utm', 1, 1);
    const json = (badData.value as Buffer).toString();
    const at = json.indexOf('entry-1') + 'entry-'.length;
    const value = Buffer.concat([Buffer.from(json.slice(0, at)), BAD, Buffer.from(json.slice(at))]);
    const badKey = {
      ...runEntryMessage(drawId, 'utm', 2, 1),
      key: Buffer.concat([Buffer.from(drawId), BAD]),
    };
    await produce(topic, [
      { ...good[0]!, partition: 0 },
      { ...badData, value, partition: 0 },
      { ...badKey, partition: 0 },
      { ...good[1]!, partition: 0 },
    ]);
    const offsets = (await readAll(topic)).map((m) => m.offset);

    const read = [];
    const ready = {
      drawId,
      runsPartition: 0,
      fromOffset: offsets[0]!,
      toOffset: offsets.at(-1)!,
      partitions: 1,
      entries: 4,
    };
    for await (const entry of readDrawEntries(kafka, topic, ready)) read.push(entry.entryId);

    expect(read).toEqual(['entry-0', 'entry-3']);
  });
});
