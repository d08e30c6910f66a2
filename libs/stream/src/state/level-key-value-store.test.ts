import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import { MemoryLevel } from 'memory-level';
import { LevelKeyValueStore } from './level-key-value-store';

const openStore = async () => {
  const db = new MemoryLevel<string, string>();
  await db.open();
  return new LevelKeyValueStore<number>('counts', db);
};

const key = (n: number) => `k${String(n).padStart(5, '0')}`;

/** A store of 2,500 committed keys (more than two batches read), each holding its number: 0, 2 ... 4,998. */
const storeOfEvens = async () => {
  const store = await openStore();
  for (let n = 0; n < 5_000; n += 2) store.put(key(n), n);
  await store.commit('1');
  return store;
};

describe('LevelKeyValueStore.committed()', () => {
  const all = async (iterable: AsyncIterable<[string, number]>) => {
    const entries: [string, number][] = [];
    for await (const entry of iterable) entries.push(entry);
    return entries;
  };

  it('when writes are pending, then the committed view does not see them until they commit', async () => {
    const store = await openStore();
    store.put('a', 1);
    const view = store.committed();
    expect(await view.get('a')).toBeUndefined();
    expect(await all(view.range())).toEqual([]);

    await store.commit('1');
    store.put('a', 2);
    store.put('b', 3);
    expect(await view.get('a')).toBe(1);
    expect(await all(view.range())).toEqual([['a', 1]]);
  });

  it('when committed entries are ranged, then bounds, reverse and limit apply', async () => {
    const store = await openStore();
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      store.put(key, value);
    await store.commit('3');
    const view = store.committed();
    expect(await all(view.range({ gte: 'b' }))).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
    expect(await all(view.range({ reverse: true, limit: 2 }))).toEqual([
      ['c', 3],
      ['b', 2],
    ]);
  });
});

describe('LevelKeyValueStore.range()', () => {
  /** The store of evens with pending writes and deletes on top. */
  const storeWithPendingWrites = async () => {
    const store = await storeOfEvens();
    const expected = new Map<string, number>();
    for (let n = 0; n < 5_000; n += 2) expected.set(key(n), n);
    // Pending: new keys before, between, inside and after the committed ones; replaced and deleted ones.
    for (const n of [-1, 1, 999, 1_001, 2_500, 4_999, 6_000]) {
      store.put(key(n + 1), -n);
      expected.set(key(n + 1), -n);
    }
    for (const n of [0, 1_000, 4_998]) {
      store.delete(key(n));
      expected.delete(key(n));
    }
    return { store, expected: [...expected].sort(([a], [b]) => (a < b ? -1 : 1)) };
  };

  const all = async (iterable: AsyncIterable<[string, number]>) => {
    const entries: [string, number][] = [];
    for await (const entry of iterable) entries.push(entry);
    return entries;
  };

  it('when writes are pending, then the range merges them with the committed entries in key order', async () => {
    const { store, expected } = await storeWithPendingWrites();
    expect(await all(store.range())).toEqual(expected);
    expect(await all(store.range({ reverse: true }))).toEqual([...expected].reverse());
  });

  it('when bounds and a limit are given with pending writes, then they apply to the merged entries', async () => {
    const { store, expected } = await storeWithPendingWrites();
    const bounded = expected.filter(([k]) => k >= key(999) && k < key(2_600));
    expect(await all(store.range({ gte: key(999), lt: key(2_600) }))).toEqual(bounded);
    expect(await all(store.range({ gte: key(999), lt: key(2_600), reverse: true, limit: 1_100 }))).toEqual(
      [...bounded].reverse().slice(0, 1_100),
    );
    expect(await all(store.range({ limit: 3 }))).toEqual(expected.slice(0, 3));
  });
});

describe('LevelKeyValueStore.valueBatches()', () => {
  const batchesOf = async (iterable: AsyncIterable<number[]>) => {
    const batches: number[][] = [];
    for await (const batch of iterable) batches.push(batch);
    return batches;
  };

  const evens = (from: number, to: number) => Array.from({ length: (to - from) / 2 }, (_, i) => from + 2 * i);

  it('when nothing is pending, then the values come in key order, at most 1,000 a batch', async () => {
    const store = await storeOfEvens();
    const batches = await batchesOf(store.valueBatches());
    expect(batches.map((batch) => batch.length)).toEqual([1_000, 1_000, 500]);
    expect(batches.flat()).toEqual(evens(0, 5_000));
  });

  it('when bounds, reverse and a limit are given, then they apply as in range', async () => {
    const store = await storeOfEvens();
    const bounded = await batchesOf(store.valueBatches({ gte: key(1_000), lt: key(1_010) }));
    expect(bounded.flat()).toEqual(evens(1_000, 1_010));
    const reversed = await batchesOf(store.valueBatches({ reverse: true, limit: 3 }));
    expect(reversed.flat()).toEqual([4_998, 4_996, 4_994]);
  });

  it('when writes are pending inside the bounds, then the values are those range merges, in batches', async () => {
    const store = await storeOfEvens();
    store.put(key(1_001), -1);
    store.delete(key(1_002));
    const values = (await batchesOf(store.valueBatches({ gte: key(998), lt: key(1_006) }))).flat();
    expect(values).toEqual([998, 1_000, -1, 1_004]);
    const all = await batchesOf(store.valueBatches());
    expect(all.map((batch) => batch.length)).toEqual([1_000, 1_000, 500]);
  });

  it('when writes are pending outside the bounds only, then the committed values in the bounds come', async () => {
    const store = await storeOfEvens();
    store.put(key(9_999), -1);
    expect((await batchesOf(store.valueBatches({ lt: key(6) }))).flat()).toEqual([0, 2, 4]);
  });

  describe('on LevelDB', () => {
    let dir: string;
    let db: Level<string, string>;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'value-batches-'));
      db = new Level<string, string>(dir);
      await db.open();
    });
    afterEach(async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('when values of ~100 bytes are walked, then they come 1,000 a batch, not cut at 16 KiB a read', async () => {
      const store = new LevelKeyValueStore<{ n: number; pad: string }>('index', db);
      for (let n = 0; n < 2_500; n++) store.put(key(n), { n, pad: 'x'.repeat(90) });
      await store.commit('1');
      const batches: number[][] = [];
      for await (const batch of store.valueBatches()) batches.push(batch.map((value) => value.n));
      expect(batches.map((batch) => batch.length)).toEqual([1_000, 1_000, 500]);
      expect(batches.flat()).toEqual(Array.from({ length: 2_500 }, (_, n) => n));
    });

    it('when the caller stops after the first batch, then the read in flight ends and the store reads on', async () => {
      const store = new LevelKeyValueStore<number>('counts', db);
      for (let n = 0; n < 5_000; n++) store.put(key(n), n);
      await store.commit('1');
      for await (const batch of store.valueBatches()) {
        expect(batch[0]).toBe(0);
        break;
      }
      expect((await batchesOf(store.valueBatches({ gte: key(4_998) }))).flat()).toEqual([4_998, 4_999]);
    });
  });
});
