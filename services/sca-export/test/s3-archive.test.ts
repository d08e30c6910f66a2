import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  archiveKey,
  archivePairToS3,
  createArchiveS3Client,
  S3ArchiveConflictError,
  type S3Pair,
} from '../src/adapters/s3-archive';
import { writeEntriesFile } from '../src/adapters/write-entries-file';
import { generateEntries, uniqueName } from './support/servers';

describe('archivePairToS3 (real S3 server)', () => {
  let localDir: string;
  let client: S3Client;
  const bucket = process.env.S3_BUCKET ?? 'sca-submissions';

  beforeAll(async () => {
    localDir = await mkdtemp(join(tmpdir(), 'sca-s3-'));
    client = createArchiveS3Client({
      endpoint: process.env.S3_ENDPOINT!,
      region: process.env.S3_REGION ?? 'us-east-1',
      accessKeyId: process.env.S3_ACCESS_KEY_ID!,
      secretAccessKey: process.env.S3_SECRET_ACCESS_KEY!,
    });
  });
  const keys: string[] = [];
  afterAll(async () => {
    if (keys.length > 0) {
      await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
      );
    }
    client?.destroy();
    await rm(localDir, { recursive: true, force: true });
  });

  async function preparePair(rows: number): Promise<S3Pair> {
    const utmContent = uniqueName('it-s3');
    for (const prefix of ['', 'it-prefix/']) {
      keys.push(archiveKey(utmContent, `${utmContent}-2026-03-01-to-2026-03-31.txt`, prefix));
      keys.push(archiveKey(utmContent, `${utmContent}-2026-03-01-to-2026-03-31.hsh`, prefix));
    }
    const drawId = `${utmContent}-2026-03-01-to-2026-03-31`;
    const txtPath = join(localDir, `${drawId}.txt`);
    const summary = await writeEntriesFile(generateEntries(utmContent, rows), txtPath);
    return {
      utmContent,
      txtPath,
      txtName: `${drawId}.txt`,
      hshName: `${drawId}.hsh`,
      sha256: summary.sha256,
      txtBytes: summary.bytes,
    };
  }

  async function body(key: string): Promise<Buffer> {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  it('when archived, then both files are under <utm_content>/ with their sha256; a re-run uploads nothing', async () => {
    const pair = await preparePair(5_000);
    const first = await archivePairToS3(pair, { client, bucket });
    expect(first).toEqual({
      txt: { key: `${pair.utmContent}/${pair.txtName}`, status: 'uploaded' },
      hsh: { key: `${pair.utmContent}/${pair.hshName}`, status: 'uploaded' },
    });

    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${pair.utmContent}/` }),
    );
    expect(listed.Contents?.map((object) => [object.Key, object.Size]).sort()).toEqual(
      [
        [first.hsh.key, 64],
        [first.txt.key, pair.txtBytes],
      ].sort(),
    );
    const txt = await body(first.txt.key);
    expect(txt.equals(await readFile(pair.txtPath))).toBe(true);
    expect((await body(first.hsh.key)).toString('ascii')).toBe(pair.sha256);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: first.txt.key }));
    expect(head.Metadata?.sha256).toBe(pair.sha256);
    const hshHead = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: first.hsh.key }));
    expect(hshHead.Metadata?.sha256).toBe(createHash('sha256').update(pair.sha256).digest('hex'));

    expect(await archivePairToS3(pair, { client, bucket })).toEqual({
      txt: { key: first.txt.key, status: 'already-archived' },
      hsh: { key: first.hsh.key, status: 'already-archived' },
    });
  });

  it('when a key prefix is configured, then it goes before <utm_content>/', async () => {
    const pair = await preparePair(10);
    const result = await archivePairToS3(pair, { client, bucket, keyPrefix: 'it-prefix/' });
    expect(result.txt.key).toBe(archiveKey(pair.utmContent, pair.txtName, 'it-prefix/'));
    expect(result.txt.key).toBe(`it-prefix/${pair.utmContent}/${pair.txtName}`);
  });

  it('when a different object is already under the key, then the archive is not overwritten', async () => {
    const pair = await preparePair(10);
    const key = archiveKey(pair.utmContent, pair.txtName);
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'other', Metadata: { sha256: '0'.repeat(64) } }),
    );
    await expect(archivePairToS3(pair, { client, bucket })).rejects.toThrow(S3ArchiveConflictError);
    expect((await body(key)).toString()).toBe('other');
  });
});
