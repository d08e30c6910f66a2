/**
 * @prizedraw/sca-export — delivers the entries of SCA-administered draws: the CSV entries file
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
export {
  type ArchivedObject,
  type ArchiveS3ClientOptions,
  archiveKey,
  archivePairToS3,
  createArchiveS3Client,
  S3ArchiveConflictError,
  type S3ArchiveOptions,
  type S3Pair,
  SHA256_METADATA,
} from './adapters/s3-archive';
export {
  type EntriesFileSummary,
  type WriteEntriesFileOptions,
  writeEntriesFile,
} from './adapters/write-entries-file';
export {
  CSV_EOL,
  type CsvEntry,
  csvField,
  ENTRY_CSV_COLUMNS,
  entryCsvHeader,
  entryCsvRow,
} from './processors/entries-csv';
export { hashFileContent, parseHashFile } from './processors/hash-file';
