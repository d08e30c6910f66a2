import { createHash } from 'node:crypto';
import {
  type DrawCompleted,
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
import { createPrizeDrawTopology } from './topology';

const topics = topicNames();
const seed = createHash('sha256').update('draw-record').digest();

async function drawRecordOf(
  seedCommitment: string | undefined,
  seedInDir: Buffer | undefined,
  sliceSize?: number,
) {
  const definitions = new InMemoryDrawDefinitions([
    buildDefinition(seedCommitment ? { seedCommitment } : {}),
  ]);
  const topology = createPrizeDrawTopology({
    topics,
    definitions,
    seeds: async () => seedInDir,
    ...(sliceSize && { sliceSize }),
  });
  const driver = await TopologyTestDriver.create(topology, { partitions: 1 });
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
});
