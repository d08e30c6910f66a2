import type { ScaExportReady } from '@prizedraw/events';
import type { Message } from 'kafkajs';
import { createTopics, kafka, produce, readAll, uniqueName } from '../../../test/support/kafka';
import { readDrawEntries } from '../src';
import { runEntryMessage } from './support/runs';

// The export reads a draw's entries back from the runs topic when its spool does not have them; it must give
// the rows the export topology spooled, no others. A run entry whose data is not UTF-8 (dead-lettered by the
// topology) used to be read with U+FFFD in its fields, and a record keyed by the draw id plus bad bytes was
// compared as rewritten text. The run-ends count every run entry sent, so a range whose records carry
// another number (one could not be decoded, or it started late) is refused rather than exported short.

const BAD = Buffer.from([0xff, 0xfe]);

describe('readDrawEntries on the real broker', () => {
  /** The records on a fresh one-partition topic, and the range that holds them as `ready` names it. */
  async function rangeOf(drawId: string, messages: Message[], entries: number) {
    const topic = uniqueName('runs');
    await createTopics([topic], 1);
    await produce(
      topic,
      messages.map((message) => ({ ...message, partition: 0 })),
    );
    const offsets = (await readAll(topic)).map((m) => m.offset);
    const ready: ScaExportReady = {
      drawId,
      runsPartition: 0,
      fromOffset: offsets[0]!,
      toOffset: offsets.at(-1)!,
      partitions: 1,
      entries,
    };
    return { topic, ready };
  }

  async function read(topic: string, ready: ScaExportReady): Promise<string[]> {
    const ids = [];
    for await (const entry of readDrawEntries(kafka, topic, ready)) ids.push(entry.entryId);
    return ids;
  }

  const badKeyOf = (drawId: string, n: number) => ({
    ...runEntryMessage(drawId, 'utm', n, 1),
    key: Buffer.concat([Buffer.from(drawId), BAD]),
  });

  it("when the range holds run entries of other keys (bytes that are not UTF-8), then only the draw's entries are read, in order", async () => {
    const drawId = uniqueName('draw');
    const good = [0, 3].map((n) => runEntryMessage(drawId, 'utm', n, 1));
    const { topic, ready } = await rangeOf(drawId, [good[0]!, badKeyOf(drawId, 2), good[1]!], 2);

    expect(await read(topic, ready)).toEqual(['entry-0', 'entry-3']);
  });

  it('when a run entry of the draw has data that is not UTF-8, then it is not read, and the range is refused as short of the entries its run-ends count', async () => {
    const drawId = uniqueName('draw');
    const badData = runEntryMessage(drawId, 'utm', 1, 1);
    const json = (badData.value as Buffer).toString();
    const at = json.indexOf('entry-1') + 'entry-'.length;
    const value = Buffer.concat([Buffer.from(json.slice(0, at)), BAD, Buffer.from(json.slice(at))]);
    const messages = [runEntryMessage(drawId, 'utm', 0, 1), { ...badData, value }];
    const { topic, ready } = await rangeOf(drawId, messages, 2);

    const read: string[] = [];
    const reading = (async () => {
      for await (const entry of readDrawEntries(kafka, topic, ready)) read.push(entry.entryId);
    })();
    await expect(reading).rejects.toMatchObject({
      retriable: false,
      message: expect.stringContaining('carry 1 run entries where its run-ends count 2'),
    });
    expect(read).toEqual(['entry-0']);
  });
});
