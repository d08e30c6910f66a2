// The record digest of an emitting draw computed by a worker thread, on a real LevelDB, as the service runs it:
// the built code (dist, from `pnpm build`), since a worker thread loads its script from disk.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
// The runtime's store itself, which the library does not export: its commit is what the worker must see.
import { LevelKeyValueStore } from '../../../libs/stream/src/state/level-key-value-store';
import { DrawStore } from '../dist/adapters/draw-store';
import { RecordDigests } from '../dist/adapters/record-digests';
import { digestDraw } from '../dist/processors/draw-record';
import type { DrawStatus } from '../src/processors/draw-status';
import { buildDefinition } from './support/builders';

const DRAW = 'xmas';
const PER_PARTITION = 1_500;

/** Two partitions' runs, highest ticket first, and the status of their draw as the emission starts. */
function emittingDraw(store: DrawStore): DrawStatus {
  for (const partition of [0, 1]) {
    const entries = Array.from({ length: PER_PARTITION }, (_, i) => ({
      ticket: randomUUID(),
      customerId: `acc-${partition}-${i}`,
      tickets: 1 + (i % 3),
    })).sort((a, b) => (a.ticket < b.ticket ? 1 : -1));
    store.putRunChunk(DRAW, partition, 0, entries);
  }
  const definition = buildDefinition();
  const rules = { prizes: definition.prizes, maxWinsPerCustomer: 1, defaultPrize: null };
  const runEnds = [0, 1].map((partition) => ({ partition, entries: PER_PARTITION, tickets: 3_000 }));
  const emit = { positions: [0, 0], rank: 0, entrants: 0, winners: 0 };
  return {
    drawId: DRAW,
    ...{ phase: 'emitting', partitions: 2, runEnds, lateTickets: 0, rules, definition },
    ...{ decidedThroughRank: 3, emit },
  };
}

/** A run chunk of one entry after partition 1's run: what a write the task has not committed adds. */
const LATE = { ticket: '00000000-0000-4000-8000-000000000000', customerId: 'late', tickets: 1 };

describe('RecordDigests with a worker thread', () => {
  let dir: string;
  let db: Level<string, string>;
  let kv: LevelKeyValueStore<unknown>;
  let store: DrawStore;
  let status: DrawStatus;
  const open = (location: string) => {
    kv = new LevelKeyValueStore('prize-draw', db, location);
    store = new DrawStore(kv);
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'record-digests-'));
    db = new Level<string, string>(dir, { multithreading: true });
    await db.open();
    open(dir);
    status = emittingDraw(store);
    store.putAward(DRAW, 'acc-0-0', { prizes: [{ prizeId: 'gold', name: 'Gold' }] });
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the emission is committed, then the worker digests what the task committed', async () => {
    store.putStatus(status);
    await kv.commit('1');
    const committed = await digestDraw(store, status, true);
    store.putRunChunk(DRAW, 1, PER_PARTITION, [LATE]);
    const reported = jest.fn();
    const digests = new RecordDigests(store, reported);

    digests.start(status);
    const digest = await digests.take(status, true);

    expect(digest).toEqual(committed);
    expect(digest.entries).toHaveLength(2 * PER_PARTITION);
    expect(reported).toHaveBeenCalledWith(DRAW, 'worker');
  });

  it('when the committed status is still deciding, then the draw thread digests the store as it is', async () => {
    store.putStatus({ ...status, phase: 'deciding' });
    await kv.commit('1');
    store.putRunChunk(DRAW, 1, PER_PARTITION, [LATE]);
    const reported = jest.fn();
    const digests = new RecordDigests(store, reported);

    digests.start(status);
    const digest = await digests.take(status, true);

    expect(digest).toEqual(await digestDraw(store, status, true));
    expect(digest.entries).toHaveLength(2 * PER_PARTITION + 1);
    expect(reported).toHaveBeenCalledWith(DRAW, 'draw-thread', undefined);
  });

  it('when the worker fails, then the failure is reported and the draw thread digests the draw', async () => {
    store.putStatus(status);
    await kv.commit('1');
    open(join(dir, 'missing'));
    const reported = jest.fn();
    const digests = new RecordDigests(store, reported);

    digests.start(status);
    const digest = await digests.take(status, true);

    expect(digest).toEqual(await digestDraw(store, status, true));
    expect(reported).toHaveBeenCalledWith(
      DRAW,
      'draw-thread',
      expect.objectContaining({ message: expect.any(String) }),
    );
  });

  it('when the task closes with a worker running, then the worker is stopped', async () => {
    store.putStatus(status);
    await kv.commit('1');
    const digests = new RecordDigests(store);
    digests.start(status);

    await digests.close();

    // The workers' handles are gone: a store opened without sharing gets the lock.
    await db.close();
    const exclusive = new Level<string, string>(dir);
    await exclusive.open();
    await exclusive.close();
    await db.open();
  });
});
