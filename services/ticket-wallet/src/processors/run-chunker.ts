import type { RunChunkEntry } from '@prizedraw/events';

/** Run entries per chunk: a thousand entries of an in-house draw make a record of about 100 KB. */
export const RUN_CHUNK_ENTRIES = 1_000;
/**
 * Contest entries per chunk (SCA draws carry each customer's entries on their best ticket, ~300 bytes
 * each): keeps a chunk under ~400 KB however many entries customers made, so the runtime's 512 KiB
 * flushes (libs/stream's TransactionCollector) never make a record batch past the broker's 1 MiB.
 */
export const RUN_CHUNK_CONTEST_ENTRIES = 1_000;

/**
 * Groups a run's entries into chunks: full at {@link RUN_CHUNK_ENTRIES} entries or once they carry
 * {@link RUN_CHUNK_CONTEST_ENTRIES} contest entries. A customer is never split across chunks.
 */
export class RunChunker {
  #entries: RunChunkEntry[] = [];
  #contestEntries = 0;

  /** Adds an entry; true when the chunk is full and should be taken. */
  add(entry: RunChunkEntry): boolean {
    this.#entries.push(entry);
    this.#contestEntries += entry.entries?.length ?? 0;
    return this.#entries.length >= RUN_CHUNK_ENTRIES || this.#contestEntries >= RUN_CHUNK_CONTEST_ENTRIES;
  }

  get empty(): boolean {
    return this.#entries.length === 0;
  }

  /** The chunk so far; starts a new one. */
  take(): RunChunkEntry[] {
    const entries = this.#entries;
    this.#entries = [];
    this.#contestEntries = 0;
    return entries;
  }
}
