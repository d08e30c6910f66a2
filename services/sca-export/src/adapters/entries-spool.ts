import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { ScaExportReady } from '@prizedraw/events';
import type { RunRows } from '../processors/csv-entries-of-run';
import { entryCsvHeader, entryCsvRow } from '../processors/entries-csv';
import type { EntriesFileSummary } from './write-entries-file';

interface Spooled {
  path: string;
  out: WriteStream;
  firstOffset: bigint;
  lastOffset: bigint;
  /** Run entries (customers) of the records appended: the draw's run-ends say how many there must be. */
  runEntries: number;
  rows: number;
  /** The disk refused a write: the file is useless, the export will read the runs topic. */
  failed: boolean;
}

/**
 * The entries files of SCA draws, written as their runs stream past the watcher in this process, so that
 * once a draw is complete its file is already on disk instead of being read back from the runs topic.
 * Only a cache: a run replayed after an aborted transaction is skipped by offset, and a file that does not
 * hold exactly the draw's range (the process restarted, the partition moved) is thrown away and the export
 * reads the runs topic instead. The rows are those the read-back would write, so the file is the same.
 */
export class EntriesSpool {
  readonly #dir: string;
  readonly #draws = new Map<string, Spooled>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Appends the rows of the run record at `offset` of `drawId`'s runs. */
  append(drawId: string, offset: string, run: RunRows): void {
    const at = BigInt(offset);
    const spooled = this.#draws.get(drawId) ?? this.#open(drawId, at);
    if (at <= spooled.lastOffset) return;
    let text = '';
    for (const row of run.rows) text += entryCsvRow(row);
    if (text !== '') spooled.out.write(text);
    spooled.lastOffset = at;
    spooled.runEntries += run.entries;
    spooled.rows += run.rows.length;
  }

  /**
   * Moves the draw's file to `path` and returns its summary when it holds exactly the range `ready` names;
   * otherwise deletes it and returns undefined. Either way the draw leaves the spool.
   */
  async take(ready: ScaExportReady, path: string): Promise<EntriesFileSummary | undefined> {
    const spooled = await this.#close(ready.drawId);
    if (spooled === undefined) return undefined;
    // Distinct offsets, all within the draw's range, as many run entries as its run-ends announce: all of them.
    const whole =
      !spooled.failed &&
      spooled.firstOffset >= BigInt(ready.fromOffset) &&
      spooled.lastOffset <= BigInt(ready.toOffset) &&
      spooled.runEntries === ready.entries;
    if (!whole) {
      await rm(spooled.path, { force: true });
      return undefined;
    }
    await rename(spooled.path, path);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), bytes, rows: spooled.rows };
  }

  /** Forgets a draw that needs no file (already submitted) and deletes what was spooled of it. */
  async discard(drawId: string): Promise<void> {
    const spooled = await this.#close(drawId);
    if (spooled !== undefined) await rm(spooled.path, { force: true });
  }

  #open(drawId: string, at: bigint): Spooled {
    mkdirSync(this.#dir, { recursive: true });
    const path = join(this.#dir, `${encodeURIComponent(drawId)}.spool`);
    const out = createWriteStream(path);
    const spooled = {
      path,
      out,
      firstOffset: at,
      lastOffset: at - 1n,
      runEntries: 0,
      rows: 0,
      failed: false,
    };
    out.on('error', () => {
      spooled.failed = true;
    });
    out.write(entryCsvHeader());
    this.#draws.set(drawId, spooled);
    return spooled;
  }

  async #close(drawId: string): Promise<Spooled | undefined> {
    const spooled = this.#draws.get(drawId);
    if (spooled === undefined) return undefined;
    this.#draws.delete(drawId);
    spooled.out.end();
    await finished(spooled.out).catch(() => {
      spooled.failed = true;
    });
    return spooled;
  }
}
