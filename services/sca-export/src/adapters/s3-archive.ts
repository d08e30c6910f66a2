import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { PrizedrawError } from '@prizedraw/events';
import { hashFileContent } from '../processors/hash-file';

/** Settings of {@link createArchiveS3Client}. Without keys, the AWS SDK's default credential chain is used. */
export interface ArchiveS3ClientOptions {
  region: string;
  /** An S3-compatible server (`http://127.0.0.1:9000`); omit for AWS S3. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `http://host/bucket/key` URLs; needed by most S3-compatible servers. Default: `true` when `endpoint` is set. */
  forcePathStyle?: boolean;
}

/** An S3 client for the retention bucket. */
export function createArchiveS3Client(options: ArchiveS3ClientOptions): S3Client {
  const config: S3ClientConfig = {
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
  };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.accessKeyId !== undefined && options.secretAccessKey !== undefined) {
    config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
  }
  return new S3Client(config);
}

/** Where {@link archivePairToS3} puts the pair. */
export interface S3ArchiveOptions {
  client: S3Client;
  /** The retention bucket, `sca-submissions` in production. */
  bucket: string;
  /** Put before `<utm_content>/`, e.g. `prod/`. Default: none. */
  keyPrefix?: string;
}

/** The pair to archive (the same one delivered over FTP) and the contest it belongs to. */
export interface S3Pair {
  utmContent: string;
  txtPath: string;
  txtName: string;
  hshName: string;
  /** Lowercase hex sha256 of the `.txt`. */
  sha256: string;
  txtBytes: number;
}

/** One archived object: its key and whether this call wrote it. */
export interface ArchivedObject {
  key: string;
  status: 'uploaded' | 'already-archived';
}

/** The bucket holds a different object under a pair's key; the archive is never overwritten. */
export class S3ArchiveConflictError extends PrizedrawError {}

/** Object metadata key (`x-amz-meta-sha256`): lowercase hex sha256 of that object's own bytes. */
export const SHA256_METADATA = 'sha256';

/** `${keyPrefix}${utmContent}/${fileName}`: one folder per contest, the SCA file name unchanged. */
export function archiveKey(utmContent: string, fileName: string, keyPrefix = ''): string {
  return `${keyPrefix}${utmContent}/${fileName}`;
}

/**
 * Copies the `.txt` and the `.hsh` to the retention bucket, each with its own sha256 in the metadata and as
 * the S3 checksum (the server verifies the bytes it stored). An object already there with the same sha256
 * and size is left alone, so a re-run uploads nothing; one with a different sha256 is a
 * {@link S3ArchiveConflictError}.
 */
export async function archivePairToS3(
  pair: S3Pair,
  options: S3ArchiveOptions,
): Promise<{ txt: ArchivedObject; hsh: ArchivedObject }> {
  const hsh = Buffer.from(hashFileContent(pair.sha256), 'ascii');
  const txt = await archiveObject(options, {
    key: archiveKey(pair.utmContent, pair.txtName, options.keyPrefix),
    sha256: pair.sha256,
    bytes: pair.txtBytes,
    contentType: 'text/csv; charset=utf-8',
    body: () => createReadStream(pair.txtPath),
  });
  const hshObject = await archiveObject(options, {
    key: archiveKey(pair.utmContent, pair.hshName, options.keyPrefix),
    sha256: createHash('sha256').update(hsh).digest('hex'),
    bytes: hsh.length,
    contentType: 'text/plain; charset=us-ascii',
    body: () => hsh,
  });
  return { txt, hsh: hshObject };
}

/** `<drawId>.record.json`: the draw record's name beside the pair `<drawId>.txt` and `<drawId>.hsh`. */
export function recordFileName(drawId: string): string {
  return `${drawId}.record.json`;
}

/** A draw record file to archive beside its pair. */
export interface S3RecordFile {
  utmContent: string;
  drawId: string;
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Copies a draw record file beside its pair (`<prefix><utm_content>/<drawId>.record.json`), as idempotent as
 * the pair: the same bytes already there are left alone, different ones are an {@link S3ArchiveConflictError}.
 */
export function archiveRecordToS3(file: S3RecordFile, options: S3ArchiveOptions): Promise<ArchivedObject> {
  return archiveObject(options, {
    key: archiveKey(file.utmContent, recordFileName(file.drawId), options.keyPrefix),
    sha256: file.sha256,
    bytes: file.bytes,
    contentType: 'application/json',
    body: () => createReadStream(file.path),
  });
}

interface ObjectToArchive {
  key: string;
  sha256: string;
  bytes: number;
  contentType: string;
  body: () => Readable | Buffer;
}

async function archiveObject(options: S3ArchiveOptions, object: ObjectToArchive): Promise<ArchivedObject> {
  const existing = await headObject(options, object.key);
  if (existing !== undefined) {
    if (existing.sha256 === object.sha256 && existing.bytes === object.bytes) {
      return { key: object.key, status: 'already-archived' };
    }
    throw new S3ArchiveConflictError(
      `s3://${options.bucket}/${object.key} exists with sha256 ${existing.sha256 ?? 'unknown'} and ${existing.bytes} bytes, ` +
        `not ${object.sha256} and ${object.bytes}: refusing to overwrite the archive`,
    );
  }
  await options.client.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: object.key,
      Body: object.body(),
      ContentLength: object.bytes,
      ContentType: object.contentType,
      ChecksumSHA256: Buffer.from(object.sha256, 'hex').toString('base64'),
      Metadata: { [SHA256_METADATA]: object.sha256 },
    }),
  );
  return { key: object.key, status: 'uploaded' };
}

async function headObject(
  options: S3ArchiveOptions,
  key: string,
): Promise<{ sha256: string | undefined; bytes: number } | undefined> {
  try {
    const head = await options.client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
    return { sha256: head.Metadata?.[SHA256_METADATA], bytes: head.ContentLength ?? -1 };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === 'NotFound') return undefined;
    throw error;
  }
}
