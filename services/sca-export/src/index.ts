/**
 * @prizedraw/sca-export — the exporter of SCA-administered draws (`scaExportService(config)`: watches the
 * runs topic, exports each complete draw outside the stream transaction) and its adapters. It delivers the entries of SCA-administered draws: the CSV entries file
 * `${utm_content}-${start}-to-${end}.txt` and its sha256 `.hsh`, uploaded over FTP(S) so that SCA never sees
 * a partial pair, and copied to the S3 retention bucket.
 *
 * @example
 * const file = await writeEntriesFile(entries.streamEntries(contest.utmContent, period.startsAt, period.endsAt), tmpPath);
 * const { txt, hsh } = scaFileNames(scaDrawId(contest, period));
 * const pair = { txtPath: tmpPath, txtName: txt, hshName: hsh, sha256: file.sha256, txtBytes: file.bytes };
 * const credentials = await loadFtpCredentials({ secretId: config.ftpSecretId, user: config.ftpUser, password: config.ftpPassword });
 * await deliverPairOverFtp(pair, { host: config.ftpHost, port: config.ftpPort, credentials, secure: true });
 * await archivePairToS3({ ...pair, utmContent: contest.utmContent }, { client: s3, bucket: 'sca-submissions' });
 */

import { join } from 'node:path';
import {
  createPool,
  ExportFailureRepository,
  migrateOnce,
  SubmissionRepository,
} from '@prizedraw/compliance-db';
import { type Service, startDefinitionsIndex } from '@prizedraw/service';
import { kafkaLogCreator } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import { readDrawRecordFile } from './adapters/draw-record-file';
import { EntriesSpool } from './adapters/entries-spool';
import { exportDraw } from './adapters/export-draw';
import { type ExportStep, exportStepFailures } from './adapters/export-steps';
import { startExportWorker } from './adapters/export-worker';
import { exportFailureLog } from './adapters/failure-log';
import { ftpOptionsOf } from './adapters/ftp-options-of';
import { readDrawEntries } from './adapters/read-draw-entries';
import { createArchiveS3Client } from './adapters/s3-archive';
import type { ScaExportConfig } from './config';
import { scaDrawOf } from './processors/sca-draws';
import type { OnRunEntries } from './processors/sca-runs-processor';
import { countExportOutcomes, exportsCounter } from './sca-export-metrics';
import { createScaExportTopology } from './topology';

export { archiveDrawRecord, type DrawRecordArchiving } from './adapters/archive-draw-record';
export { type DrawRecordFile, type DrawRecordSource, readDrawRecordFile } from './adapters/draw-record-file';
export { type ExportDrawOptions, exportDraw } from './adapters/export-draw';
export { type ExportRetryOptions, type ExportStep, exportSteps } from './adapters/export-steps';
export { type ExportWorkerOptions, startExportWorker } from './adapters/export-worker';
export { type ExportFailureLogOptions, exportFailureLog } from './adapters/failure-log';
export {
  FtpCredentials,
  FtpCredentialsError,
  type FtpCredentialsSource,
  loadFtpCredentials,
} from './adapters/ftp-credentials';
export {
  type DeliveryLogger,
  deliverPairOverFtp,
  FtpDeliveryConflictError,
  FtpDeliveryError,
  type FtpDeliveryOptions,
  type FtpDeliveryResult,
  type FtpLogin,
  type FtpPair,
  type FtpRetryOptions,
  partName,
} from './adapters/ftp-delivery';
export { readDrawEntries } from './adapters/read-draw-entries';
export {
  type ArchivedObject,
  type ArchiveS3ClientOptions,
  archiveKey,
  archivePairToS3,
  archiveRecordToS3,
  createArchiveS3Client,
  recordFileName,
  S3ArchiveConflictError,
  type S3ArchiveOptions,
  type S3Pair,
  type S3RecordFile,
  SHA256_METADATA,
} from './adapters/s3-archive';
export {
  type EntriesFileSummary,
  type WriteEntriesFileOptions,
  writeEntriesFile,
} from './adapters/write-entries-file';
export { type ScaExportConfig, scaExportConfigSchema } from './config';
export {
  CSV_EOL,
  type CsvEntry,
  csvField,
  ENTRY_CSV_COLUMNS,
  entryCsvHeader,
  entryCsvRow,
} from './processors/entries-csv';
export { hashFileContent, parseHashFile } from './processors/hash-file';
export { countExportOutcomes, type ExportOutcome, exportsCounter } from './sca-export-metrics';
export { createScaExportTopology, type ScaExportTopologyOptions } from './topology';

/**
 * The sca-export service: the topology that notices complete SCA draws on the runs topic, and the worker
 * that exports them (file, FTP(S), S3, submission record).
 */
export function scaExportService(config: ScaExportConfig): Service {
  return {
    name: 'sca-export',
    async start(context) {
      // Its own table of the definitions, keeping only what it uses of each (ScaDraw), not the shared one.
      const topic = {
        topic: context.topics.definitions,
        brokers: config.KAFKA_BROKERS,
        logger: context.logger,
      };
      const { index: definitions, close: closeDefinitions } = await startDefinitionsIndex(topic, scaDrawOf);
      context.onClose(closeDefinitions);
      const pool = createPool(config.MYSQL_URL);
      context.onClose(() => pool.end());
      const kafka = new Kafka({
        clientId: 'prizedraw-sca-export',
        brokers: config.KAFKA_BROKERS,
        logLevel: logLevel.ERROR,
        logCreator: kafkaLogCreator(context.logger),
      });
      const spool = new EntriesSpool(join(config.EXPORT_DIR, 'spool'));
      const s3 = {
        client: createArchiveS3Client({
          region: config.S3_REGION,
          endpoint: config.S3_ENDPOINT,
          accessKeyId: config.S3_ACCESS_KEY_ID,
          secretAccessKey: config.S3_SECRET_ACCESS_KEY,
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
        }),
        bucket: config.S3_BUCKET,
        keyPrefix: config.S3_KEY_PREFIX,
      };
      const options = {
        definitions,
        submissions: new SubmissionRepository(pool),
        readEntries: readDrawEntries.bind(undefined, kafka, context.topics.runs),
        spool,
        exportDir: config.EXPORT_DIR,
        ftp: await ftpOptionsOf(config),
        s3,
        ...(config.ARCHIVE_DRAW_RECORDS && {
          record: {
            read: readDrawRecordFile.bind(undefined, {
              kafka,
              topic: context.topics.records,
              dataCodec: context.dataCodec,
            }),
            waitMs: config.DRAW_RECORD_WAIT_MS,
          },
        }),
        logger: context.logger.child({ service: 'sca-export' }),
        // Not at start: the service starts while MariaDB is down, and its first export migrates.
        ready: migrateOnce(pool),
      };
      const exports = exportsCounter(context.registry);
      const stepFailures = exportStepFailures(context.registry);
      // Each failed attempt's reason, for the operations console's SCA exports page.
      const failureLog = exportFailureLog({
        failures: new ExportFailureRepository(pool),
        ready: options.ready,
        logger: options.logger,
      });
      const retry = {
        maxDelayMs: config.EXPORT_RETRY_MAX_MS,
        onFailure: (step: ExportStep, error: unknown, drawId: string) => {
          exports.inc({ outcome: 'failed' });
          stepFailures.inc({ step });
          failureLog(drawId, step, error);
        },
      };
      const onRunEntries: OnRunEntries = (drawId, offset, run) => spool.append(drawId, offset, run);
      const topology = createScaExportTopology(context.topics, definitions, {
        onRunEntries,
        dataCodec: context.dataCodec,
        logger: options.logger,
      });
      await context.startStreams('sca-export', topology);
      const worker = await startExportWorker({
        kafka,
        topic: context.topics.scaExports,
        groupId: `prizedraw-${config.BRAND}-sca-export-worker`,
        exportDraw: (ready, signal) =>
          countExportOutcomes(exports, () => exportDraw(ready, { ...options, retry: { ...retry, signal } }))(
            ready,
          ),
        logger: options.logger,
      });
      context.onClose(() => worker.stop());
    },
  };
}
