// A worker thread reads a task's store through openCommittedStore while the task's thread has it open and
// writes to it: the worker sees what was committed, never a pending write. The worker loads the built
// library (dist, from `pnpm build`), as a deployed service's worker does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Level } from 'level';
import { LevelKeyValueStore } from '../src/state/level-key-value-store';

const LIBRARY = join(__dirname, '../dist/index.js');
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { openCommittedStore } = require(workerData.library);
(async () => {
  const store = await openCommittedStore(workerData.location, 'counts');
  const all = [];
  for await (const entry of store.range()) all.push(entry);
  parentPort.postMessage({ a: await store.get('a'), b: await store.get('b'), all });
  await store.close();
})();`;

/** What a worker thread reads from the store at `location`: a and b, and every entry. */
function readInWorker(location: string): Promise<unknown> {
  const worker = new Worker(READER, { eval: true, workerData: { library: LIBRARY, location } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('openCommittedStore from a worker thread', () => {
  let dir: string;
  let db: Level<string, string>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'committed-store-'));
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the task has committed a and has b pending, then the worker reads a and not b', async () => {
    db = new Level<string, string>(dir, { multithreading: true });
    await db.open();
    const store = new LevelKeyValueStore<number>('counts', db, dir);
    store.put('a', 1);
    await store.commit('1');
    store.put('b', 2);

    expect(await readInWorker(dir)).toEqual({ a: 1, b: undefined, all: [['a', 1]] });
    await store.commit('2');
    expect(await readInWorker(dir)).toEqual({
      a: 1,
      b: 2,
      all: [
        ['a', 1],
        ['b', 2],
      ],
    });
  });

  it('when the store was not opened for workers, then the worker cannot open it', async () => {
    db = new Level<string, string>(dir);
    await db.open();

    await expect(readInWorker(dir)).rejects.toMatchObject({ cause: { code: 'LEVEL_LOCKED' } });
  });
});
