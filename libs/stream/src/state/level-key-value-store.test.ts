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
