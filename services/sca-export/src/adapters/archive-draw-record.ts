import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PrizedrawError } from '@prizedraw/events';
import type { DrawRecordFile } from './draw-record-file';
import type { exportSteps } from './export-steps';
import { type ArchivedObject, archiveRecordToS3, recordFileName, type S3ArchiveOptions } from './s3-archive';

/** How an export finds its draw's record (written by prize-draw) and how long it waits for it quietly. */
export interface DrawRecordArchiving {
  /** Writes the draw's record file at `path`; undefined while the record is not on the records topic. */
  read: (drawId: string, path: string) => Promise<DrawRecordFile | undefined>;
  /** How long the record may be missing before each further attempt is logged as needing an operator. */
  waitMs: number;
}

/** What {@link archiveDrawRecord} needs besides the draw. */
export interface ArchiveDrawRecordOptions {
  record: DrawRecordArchiving;
  s3: S3ArchiveOptions;
  /** Local folder of the record file while it is uploaded. */
  exportDir: string;
}

/**
 * The `record` step of an export: copies the draw's record beside its pair in S3. prize-draw writes the
 * record once the draw's runs are all in, at about the time the exporter delivers the pair, so a missing
 * record is waited for like a server that is down (retried with backoff, a warning each time); past
 * `waitMs` each attempt is an error that needs an operator (prize-draw not running, or too old to record SCA
 * draws), and the export still completes by itself once the record arrives.
 */
export async function archiveDrawRecord(
  step: ReturnType<typeof exportSteps>,
  { drawId, utmContent }: { drawId: string; utmContent: string },
  { record, s3, exportDir }: ArchiveDrawRecordOptions,
): Promise<ArchivedObject> {
  const path = join(exportDir, recordFileName(drawId));
  const since = Date.now();
  try {
    return await step('record', 'archiving the draw record to S3', async () => {
      const file = await record.read(drawId, path);
      if (file !== undefined) return archiveRecordToS3({ ...file, utmContent, drawId }, s3);
      const waited = Date.now() - since;
      const overdue = waited >= record.waitMs;
      throw new PrizedrawError(
        `the record of draw ${drawId} is not on the records topic yet (prize-draw writes it once the draw's ` +
          `runs are all in)${overdue ? `; still missing after ${Math.round(waited / 1000)} s: is prize-draw running?` : ''}`,
        { retriable: !overdue },
      );
    });
  } finally {
    await rm(path, { force: true });
  }
}
