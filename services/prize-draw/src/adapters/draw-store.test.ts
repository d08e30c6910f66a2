import { TransactionalStore } from '../../test/support/transactional-store';
import { DrawStore, drawKeys, type RunColumns, runColumnsOf, type StoredRunEntry } from './draw-store';

const entry = (n: number, excluded?: true): StoredRunEntry => ({
  ticket: `ticket-${9 - n}`,
  customerId: `customer-${n}`,
  tickets: n + 1,
  ...(excluded && { excluded }),
});

async function chunksOf(store: DrawStore, fromSeq: number): Promise<[number, RunColumns][]> {
  const chunks: [number, RunColumns][] = [];
  for await (const chunk of store.runChunks('draw-1', 0, fromSeq)) chunks.push(chunk);
  return chunks;
}

describe('DrawStore run chunks', () => {
  it('when a chunk is stored, then it is stored and read back as columns, with its excluded positions', async () => {
    const kv = new TransactionalStore();
    const store = new DrawStore(kv);
    const entries = [entry(0), entry(1, true), entry(2)];

    store.putRunChunk('draw-1', 0, 0, runColumnsOf(entries));
    kv.commit();

    const columns = {
      tickets: ['ticket-9', 'ticket-8', 'ticket-7'],
      customerIds: ['customer-0', 'customer-1', 'customer-2'],
      counts: [1, 2, 3],
      excluded: [1],
    };
    expect(await kv.get(drawKeys.run('draw-1', 0, 0))).toEqual(columns);
    expect(await chunksOf(store, 0)).toEqual([[0, columns]]);
  });

  it('when reading from inside a chunk, then the chunk is cut there and its excluded positions move with it', async () => {
    const kv = new TransactionalStore();
    const store = new DrawStore(kv);
    store.putRunChunk('draw-1', 0, 0, runColumnsOf([entry(0, true), entry(1), entry(2, true)]));
    store.putRunChunk('draw-1', 0, 3, runColumnsOf([entry(3)]));
    kv.commit();

    expect(await chunksOf(store, 1)).toEqual([
      [
        1,
        {
          tickets: ['ticket-8', 'ticket-7'],
          customerIds: ['customer-1', 'customer-2'],
          counts: [2, 3],
          excluded: [1],
        },
      ],
      [3, runColumnsOf([entry(3)])],
    ]);
    expect(await chunksOf(store, 2)).toEqual([
      [2, { tickets: ['ticket-7'], customerIds: ['customer-2'], counts: [3], excluded: [0] }],
      [3, runColumnsOf([entry(3)])],
    ]);
  });

  it('when the store holds chunks of entries and single entries from earlier versions, then they are read as columns', async () => {
    const kv = new TransactionalStore();
    kv.put(drawKeys.run('draw-1', 0, 0), { chunk: [entry(0), entry(1, true)] });
    kv.put(drawKeys.run('draw-1', 0, 2), entry(2));
    kv.commit();

    expect(await chunksOf(new DrawStore(kv), 0)).toEqual([
      [0, runColumnsOf([entry(0), entry(1, true)])],
      [2, runColumnsOf([entry(2)])],
    ]);
  });
});
