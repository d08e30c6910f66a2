import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { type CsvEntry, entryCsvHeader, entryCsvRow } from '../processors/entries-csv';

/** What {@link writeEntriesFile} wrote. */
export interface EntriesFileSummary {
  /** Lowercase hex sha256 of the file's bytes. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
  /** Entry rows (the header row not counted). */
  rows: number;
}

/** Options of {@link writeEntriesFile}. */
export interface WriteEntriesFileOptions {
  /** Rows are gathered into chunks of about this many characters before a write. Default 64 KiB. */
  chunkChars?: number;
}

/**
 * Writes the SCA entries CSV (header, then one row per entry) to `path`, hashing and counting as it goes:
 * entries are pulled from `entries` only as fast as the disk takes them, so memory stays flat for any number
 * of rows. On failure (the source throws, the disk fails) the partial file is removed and the error rethrown.
 */
export async function writeEntriesFile(
  entries: AsyncIterable<CsvEntry> | Iterable<CsvEntry>,
  path: string,
  options: WriteEntriesFileOptions = {},
): Promise<EntriesFileSummary> {
  const chunkChars = options.chunkChars ?? 64 * 1024;
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  // Hashing the exact bytes handed to the file: the digest is of the file, whatever the encoding does.
  const encode = (text: string): Buffer => {
    const chunk = Buffer.from(text, 'utf8');
    hash.update(chunk);
    bytes += chunk.length;
    return chunk;
  };
  async function* chunks(): AsyncGenerator<Buffer> {
    // One write per ~64 KiB rather than per row: a million rows stay a few thousand writes.
    let pending = entryCsvHeader();
    for await (const entry of entries) {
      pending += entryCsvRow(entry);
      rows += 1;
      if (pending.length >= chunkChars) {
        yield encode(pending);
        pending = '';
      }
    }
    yield encode(pending);
  }
  const file = createWriteStream(path);
  try {
    await pipeline(chunks(), file);
  } catch (error) {
    // A file stream destroyed while its file is still being opened opens (creates) it all the same, then
    // closes it: removed before that, the partial file came back (a CI run on a loaded machine).
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    await rm(path, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes, rows };
}
