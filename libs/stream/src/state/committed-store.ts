import { Level } from 'level';
import type { ReadOnlyKeyValueStore } from './key-value-store';
import { committedView, dataOf } from './level-key-value-store';

/** A store's committed content opened by a worker thread; close it before the thread ends. */
export interface CommittedStore<V> extends ReadOnlyKeyValueStore<V> {
  close(): Promise<void>;
}

/**
 * Opens, from a worker thread, the committed content of a task's store at `location` (its
 * `workerLocation`). Both threads share the one LevelDB of the process (classic-level's multithreading), so
 * every read sees what the task has committed so far, never its transaction in progress. The runtime may
 * close, wipe or restore the store only once the task is closed: a processor that starts workers ends them
 * in its close().
 */
export async function openCommittedStore<V>(location: string, name: string): Promise<CommittedStore<V>> {
  const db = new Level<string, string>(location, { createIfMissing: false, multithreading: true });
  await db.open();
  return { ...committedView<V>(name, dataOf(db)), close: () => db.close() };
}
