import { createHash } from 'node:crypto';
import {
  type DrawCompleted,
  type DrawDefined,
  type DrawRecord,
  type DrawRecordEntries,
  type DrawResult,
  EVENT_TYPES,
  entriesRoot,
  resultsHashOf,
  seedCommitmentOf,
  topicNames,
} from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { TopologyTestDriver } from '@prizedraw/stream';
import { buildDefinition, decoded, runMessages } from '../test/support/builders';
import { DRAW_STORE, DrawStore } from './adapters/draw-store';
import { buildDrawRecord } from './processors/build-draw-record';
import { createPrizeDrawTopology } from './topology';

const topics = topicNames();
const seed = createHash('sha256').update('draw-record').digest();

/** A test driver of the prize-draw topology on one partition, with one draw defined. */
function drawDriver(definition: DrawDefined, seedInDir: Buffer | undefined, sliceSize?: number) {
  const topology = createPrizeDrawTopology({
    topics,
    definitions: new InMemoryDrawDefinitions([definition]),
    seeds: async () => seedInDir,
    ...(sliceSize && { sliceSize }),
  });
  return TopologyTestDriver.create(topology, { partitions: 1 });
}

async function drawRecordOf(
  seedCommitment: string | undefined,
  seedInDir: Buffer | undefined,
  sliceSize?: number,
) {
  const definition = buildDefinition(seedCommitment ? { seedCommitment } : {});
  const driver = await drawDriver(definition, seedInDir, sliceSize);
  try {
    const runs = [
      {
        partition: 0,
        entries: [['ann', 'f', 3] as [string, string, number], ['bob', 'c', 1] as [string, string, number]],
      },
      { partition: 1, entries: [['cat', 'e', 2] as [string, string, number]] },
    ];
    for (const message of runMessages('xmas', 2, runs))
      await driver.pipeInput(topics.runs, { ...message, partition: 0 });
    // One punctuation per slice: a slice of one entry takes a few to complete.
    for (let i = 0; i < 6; i++) await driver.advanceWallClockTime(100);
    const records = decoded(driver.readOutput(topics.records));
    const outputs = decoded<DrawCompleted | DrawResult>(driver.readOutput(topics.results));
    const results = outputs.filter((o) => o.type === EVENT_TYPES.drawResult).map((o) => o.data as DrawResult);
    return { records, completed: outputs.at(-1)! as { type: string; data: DrawCompleted }, results };
  } finally {
    await driver.close();
  }
}

describe('draw record', () => {
  it.each([
    ['one slice', undefined],
    ['a slice per entrant', 1],
  ])(
    'when the definition commits to the seed in the seed directory (%s), then the record and draw-completed reveal it',
    async (_, sliceSize) => {
      const { records, completed, results } = await drawRecordOf(seedCommitmentOf(seed), seed, sliceSize);
      const record = records.find((r) => r.type === EVENT_TYPES.drawRecord)!;
      const chunk = records.find((r) => r.type === EVENT_TYPES.drawRecordEntries)!;
      expect(record.key).toBe('xmas');
      expect(record.data).toMatchObject({
        verifiable: true,
        seed: seed.toString('hex'),
        entrants: 3,
        tickets: 6,
      });
      expect(chunk.key).toBe('xmas|entries|0');
      const entries = (chunk.data as DrawRecordEntries).entries;
      expect(entries).toEqual([
        { accountId: 'ann', tickets: 3 },
        { accountId: 'bob', tickets: 1 },
        { accountId: 'cat', tickets: 2 },
      ]);
      expect((record.data as DrawRecord).entriesRoot).toBe(entriesRoot(entries));
      expect(results).toHaveLength(3);
      expect((record.data as DrawRecord).resultsHash).toBe(resultsHashOf(results));
      expect(completed.type).toBe(EVENT_TYPES.drawCompleted);
      expect(completed.data.seed).toBe(seed.toString('hex'));
    },
  );

  it.each([
    [undefined, seed, 'the definition commits to no seed: tickets are random'],
    [seedCommitmentOf(seed), undefined, 'the seed directory of the draw service has no seed for the draw'],
    ['0'.repeat(64), seed, "the seed in the draw service's seed directory does not match seedCommitment"],
  ])(
    'when the commitment is %s and the seed is missing or another, then the record says why it is not verifiable',
    async (commitment, inDir, reason) => {
      const { records, completed } = await drawRecordOf(commitment, inDir);
      const record = records.find((r) => r.type === EVENT_TYPES.drawRecord)!.data as DrawRecord;
      expect(record).toMatchObject({ verifiable: false, reason });
      expect(record).not.toHaveProperty('seed');
      expect(completed.data).not.toHaveProperty('seed');
    },
  );

  it.each([
    ['one slice', undefined],
    ['a slice per entry', 1],
  ])(
    'when the emission tallied its results (%s), then the record is the one a walk of the stored runs builds',
    async (_, sliceSize) => {
      // Customers with two entries (two wins allowed), so the walk skips repeats as the emission did.
      const definition = buildDefinition({ maxWinsPerCustomer: 2 });
      const driver = await drawDriver(definition, undefined, sliceSize);
      try {
        const runs: { partition: number; entries: [string, string, number][] }[] = [
          {
            partition: 0,
            entries: [
              ['ann', 'f', 2],
              ['bob', 'c', 1],
              ['ann', 'a', 2],
            ],
          },
          {
            partition: 1,
            entries: [
              ['cat', 'e', 2],
              ['cat', 'b', 2],
            ],
          },
        ];
        for (const message of runMessages('xmas', 2, runs)) await driver.pipeInput(topics.runs, message);
        for (let i = 0; i < 12; i++) await driver.advanceWallClockTime(100);
        const records = decoded(driver.readOutput(topics.records));
        const emitted = records.find((r) => r.type === EVENT_TYPES.drawRecord)!.data as DrawRecord;
        const store = new DrawStore(driver.getKeyValueStore(DRAW_STORE));
        const status = (await store.status('xmas'))!;
        expect(status.phase).toBe('completed');

        const { activityTopic, completedAt } = emitted;
        const input = { status, definition, activityTopic, seed: undefined, completedAt };
        const walked = await buildDrawRecord(store, input);
        expect(walked.record).toEqual(emitted);
        expect(emitted).toMatchObject({ entrants: 3, tickets: 5 });
        const chunks = records.filter((r) => r.type === EVENT_TYPES.drawRecordEntries).map((r) => r.data);
        expect([...walked.chunks]).toEqual(chunks);
      } finally {
        await driver.close();
      }
    },
  );

  it('when there are more entrants than a chunk holds, then the chunks list them all in UTF-8 byte order', async () => {
    const count = 12_001;
    // Shuffled against the tickets; U+1F600 sorts before U+FF21 in UTF-16 code units, after it in UTF-8 bytes.
    const ids = [
      ...Array.from({ length: count - 2 }, (_, i) => `acc-${(i * 7_919) % count}`),
      '\u{1F600}',
      '\uFF21',
    ];
    const entries = ids.map((id, i): [string, string, number] => [
      id,
      (count - i).toString(16).padStart(8, '0'),
      1,
    ]);
    const driver = await drawDriver(buildDefinition(), undefined);
    try {
      for (const message of runMessages('xmas', 1, [{ partition: 0, entries }], { chunkEntries: 1_000 }))
        await driver.pipeInput(topics.runs, message);
      for (let i = 0; i < 10; i++) await driver.advanceWallClockTime(100);
      const records = decoded(driver.readOutput(topics.records));
      const record = records.find((r) => r.type === EVENT_TYPES.drawRecord)!.data as DrawRecord;
      const chunks = records
        .filter((r) => r.type === EVENT_TYPES.drawRecordEntries)
        .map((r) => r.data as DrawRecordEntries);
      const listed = chunks.flatMap((chunk) => chunk.entries);

      expect(chunks.map((chunk) => [chunk.chunk, chunk.entries.length])).toEqual([
        [0, 5_000],
        [1, 5_000],
        [2, 2_001],
      ]);
      expect(record).toMatchObject({ entrants: count, tickets: count, entryChunks: 3 });
      const byUtf8 = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect(listed.map((entry) => entry.accountId)).toEqual(byUtf8);
      expect(listed.every((entry) => entry.tickets === 1)).toBe(true);
      expect(record.entriesRoot).toBe(entriesRoot(listed));
    } finally {
      await driver.close();
    }
  });
});
