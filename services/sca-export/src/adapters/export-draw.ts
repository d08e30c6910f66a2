import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubmissionRepository } from '@prizedraw/compliance-db';
import { scaFileNames } from '@prizedraw/contests';
import { PrizedrawError, type ScaExportReady } from '@prizedraw/events';
import type { Logger } from 'pino';
import type { CsvEntry } from '../processors/entries-csv';
import type { ScaDraws } from '../processors/sca-draws';
import { archiveDrawRecord, type DrawRecordArchiving } from './archive-draw-record';
import type { EntriesSpool } from './entries-spool';
import { type ExportRetryOptions, exportSteps } from './export-steps';
import { deliverPairOverFtp, type FtpDeliveryOptions } from './ftp-delivery';
import { archivePairToS3, type S3ArchiveOptions } from './s3-archive';
import { writeEntriesFile } from './write-entries-file';

/** What {@link exportDraw} uses. */
export interface ExportDrawOptions {
  definitions: ScaDraws;
  submissions: SubmissionRepository;
  /** The draw's entries, read back from the runs topic. */
  readEntries: (ready: ScaExportReady) => AsyncIterable<CsvEntry>;
  /** Files built while the runs streamed past; used when whole, else the entries are read back. */
  spool?: EntriesSpool;
  /** Local folder for the entries file while it is delivered. */
  exportDir: string;
  ftp: FtpDeliveryOptions;
  s3: S3ArchiveOptions;
  /** The draw's record, archived beside the pair; omitted where no prize-draw writes the records. */
  record?: DrawRecordArchiving;
  logger: Logger;
  /** What must be done before the submission log is used (the migrations); retried with its first read. */
  ready?: () => Promise<unknown>;
  /** How each step is retried while a server is down. */
  retry?: ExportRetryOptions;
}

/**
 * Exports one complete SCA draw: writes the entries file and its sha256, delivers the pair over FTP(S),
 * copies it to S3 (and the draw's record beside it, with `options.record`) and records the submission. Each step is retried until it succeeds ({@link exportSteps}):
 * with MariaDB, the FTP server or S3 down the export waits where it is and completes once the server is
 * back; only `retry.signal` ends it early. Safe to re-run after a crash at any point: the file is rebuilt
 * identical from the same runs range, FTP and S3 accept the same pair again and refuse a different one, and
 * a draw whose submission is finished is not exported again.
 */
export async function exportDraw(
  ready: ScaExportReady,
  options: ExportDrawOptions,
): Promise<'submitted' | 'already-submitted'> {
  const { drawId } = ready;
  const { submissions, logger } = options;
  const step = exportSteps(drawId, logger, options.retry);
  const previous = await step('submission-log', 'reading the submission', async () => {
    await options.ready?.();
    return submissions.find(drawId);
  });
  if (previous?.finishedAt) {
    await options.spool?.discard(drawId);
    return 'already-submitted';
  }
  const draw = await step('definition', 'finding the draw definition', async () => {
    const definition = options.definitions.get(drawId);
    if (definition !== undefined) return definition;
    throw new PrizedrawError(`sca-export: no definition of draw ${drawId}`, { retriable: true });
  });
  const startedAt = previous?.startedAt ?? new Date().toISOString();
  const { txt, hsh } = scaFileNames(drawId);
  await mkdir(options.exportDir, { recursive: true });
  const txtPath = join(options.exportDir, txt);
  const began = Date.now();
  try {
    const spooled = await options.spool?.take(ready, txtPath);
    const file =
      spooled ??
      (await step('entries-file', 'writing the entries file from the runs topic', () =>
        writeEntriesFile(options.readEntries(ready), txtPath),
      ));
    const written = Date.now();
    const pair = { txtPath, txtName: txt, hshName: hsh, sha256: file.sha256, txtBytes: file.bytes };
    const submission = {
      drawId,
      txtName: txt,
      hshName: hsh,
      sha256: file.sha256,
      txtBytes: file.bytes,
      hshBytes: file.sha256.length,
      rows: file.rows,
      startedAt,
      finishedAt: null,
    };
    await step('submission-log', 'recording the submission as started', () => submissions.record(submission));
    const signal = options.retry?.signal;
    await step('ftp', 'delivering the pair over FTP', () =>
      deliverPairOverFtp(pair, { ...options.ftp, logger, ...(signal && { signal }) }),
    );
    const delivered = Date.now();
    await step('s3', 'archiving the pair to S3', () =>
      archivePairToS3({ ...pair, utmContent: draw.promoCode }, options.s3),
    );
    if (options.record) {
      const archiving = { record: options.record, s3: options.s3, exportDir: options.exportDir };
      await archiveDrawRecord(step, { drawId, utmContent: draw.promoCode }, archiving);
    }
    await step('submission-log', 'recording the submission as finished', () =>
      submissions.record({ ...submission, finishedAt: new Date().toISOString() }),
    );
    const ms = { file: written - began, ftp: delivered - written, s3: Date.now() - delivered };
    const source = spooled ? 'spool' : 'runs topic';
    logger.info(
      { drawId, rows: file.rows, bytes: file.bytes, sha256: file.sha256, source, ms },
      'SCA draw exported',
    );
    return 'submitted';
  } finally {
    await rm(txtPath, { force: true });
  }
}
