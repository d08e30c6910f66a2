import type { RunChunkEntry } from '@prizedraw/events';
import { RUN_CHUNK_CONTEST_ENTRIES, RUN_CHUNK_ENTRIES, RunChunker } from './run-chunker';

const entry = (customerId: string, contestEntries = 0): RunChunkEntry => ({
  ticket: 'ffffffff-ffff-4fff-8fff-000000000000',
  customerId,
  tickets: 1,
  ...(contestEntries > 0 && {
    entries: Array.from({ length: contestEntries }, (_, i) => ({
      entryId: `${customerId}-${i}`,
      utmContent: 'spring',
      email: `${customerId}@example.com`,
      enteredAt: '2026-03-02T10:00:00.000Z',
    })),
  }),
});

/** Every chunk the chunker makes of `entries`, as the wallet takes them. */
function chunk(entries: RunChunkEntry[]): RunChunkEntry[][] {
  const chunker = new RunChunker();
  const chunks: RunChunkEntry[][] = [];
  for (const e of entries) if (chunker.add(e)) chunks.push(chunker.take());
  if (!chunker.empty) chunks.push(chunker.take());
  return chunks;
}

describe('RunChunker', () => {
  it('when a run has more entries than a chunk holds, then full chunks and a last partial one, in order', () => {
    const entries = Array.from({ length: 2 * RUN_CHUNK_ENTRIES + 5 }, (_, i) => entry(`c${i}`));
    const chunks = chunk(entries);
    expect(chunks.map((c) => c.length)).toEqual([RUN_CHUNK_ENTRIES, RUN_CHUNK_ENTRIES, 5]);
    expect(chunks.flat()).toEqual(entries);
  });

  it('when customers carry many contest entries, then a chunk closes at the contest-entry limit, never splitting one', () => {
    const perCustomer = 300;
    const entries = Array.from({ length: 10 }, (_, i) => entry(`c${i}`, perCustomer));
    const chunks = chunk(entries);
    const perChunk = Math.ceil(RUN_CHUNK_CONTEST_ENTRIES / perCustomer);
    expect(chunks[0]).toHaveLength(perChunk);
    expect(chunks.flat()).toEqual(entries);
  });

  it('when a run is empty, then no chunk', () => {
    expect(chunk([])).toEqual([]);
  });
});
