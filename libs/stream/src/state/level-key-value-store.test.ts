import { MemoryLevel } from 'memory-level';
import { LevelKeyValueStore } from './level-key-value-store';

describe('LevelKeyValueStore.committed()', () => {
  const open = async () => {
    const db = new MemoryLevel<string, string>();
    await db.open();
    return new LevelKeyValueStore<number>('counts', db);
  };
  const all = async (iterable: AsyncIterable<[string, number]>) => {
    const entries: [string, number][] = [];
    for await (const entry of iterable) entries.push(entry);
    return entries;
  };

  it('when writes are pending, then the committed view does not see them until they commit', async () => {
    const store = await open();
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
    const store = await open();
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
  const key = (n: number) => `k${String(n).padStart(5, '0')}`;

  /** A store of 2,500 committed keys (more than one batch read) with pending writes and deletes on top. */
  const storeWithPendingWrites = async () => {
    const db = new MemoryLevel<string, string>();
    await db.open();
    const store = new LevelKeyValueStore<number>('counts', db);
    const expected = new Map<string, number>();
    for (let n = 0; n < 5_000; n += 2) {
      store.put(key(n), n);
      expected.set(key(n), n);
    }
    await store.commit('1');
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
