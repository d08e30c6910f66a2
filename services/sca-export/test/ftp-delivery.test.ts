import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { waitUntil } from '../../../test/support/wait-until';
import { FtpCredentials } from '../src/adapters/ftp-credentials';
import {
  deliverPairOverFtp,
  FtpDeliveryConflictError,
  FtpDeliveryError,
  type FtpPair,
  partName,
} from '../src/adapters/ftp-delivery';
import { writeEntriesFile } from '../src/adapters/write-entries-file';
import { PrivateFtpServer } from './support/private-ftp-server';
import {
  downloadRemote,
  ftpClient,
  ftpRootDir,
  ftpServer,
  generateEntries,
  listRemote,
  trustedTls,
  uniqueName,
} from './support/servers';

describe('deliverPairOverFtp (real vsftpd)', () => {
  let localDir: string;
  const remoteDirs: string[] = [];
  /** A fresh remote folder for one test, removed after the file ran. */
  const freshRemoteDir = (prefix: string) => {
    const dir = uniqueName(prefix);
    remoteDirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    localDir = await mkdtemp(join(tmpdir(), 'sca-ftp-'));
  });
  afterAll(async () => {
    await rm(localDir, { recursive: true, force: true });
    const client = await ftpClient();
    try {
      for (const dir of remoteDirs) await client.removeDir(dir).catch(() => undefined);
    } finally {
      client.close();
    }
  });

  /** Writes an entries file of `rows` entries and returns the pair to deliver. */
  async function preparePair(rows: number, utmContent = uniqueName('it')): Promise<FtpPair> {
    const drawId = `${utmContent}-2026-03-02-to-2026-03-08`;
    const txtPath = join(localDir, `${drawId}.txt`);
    const summary = await writeEntriesFile(generateEntries(utmContent, rows), txtPath);
    return {
      txtPath,
      txtName: `${drawId}.txt`,
      hshName: `${drawId}.hsh`,
      sha256: summary.sha256,
      txtBytes: summary.bytes,
    };
  }

  async function expectPairOnServer(remoteDir: string, pair: FtpPair): Promise<void> {
    const names = (await listRemote(remoteDir)).map((file) => file.name).sort();
    expect(names).toEqual([pair.hshName, pair.txtName].sort());
    expect((await downloadRemote(remoteDir, pair.hshName)).toString('ascii')).toBe(pair.sha256);
    const txt = await downloadRemote(remoteDir, pair.txtName);
    expect(txt.length).toBe(pair.txtBytes);
    expect(createHash('sha256').update(txt).digest('hex')).toBe(pair.sha256);
  }

  it('when delivered over plain FTP, then the server holds the .txt and its .hsh and no temporary file; a re-run does nothing', async () => {
    const remoteDir = freshRemoteDir('plain');
    const pair = await preparePair(2_000);
    const options = { ...ftpServer(), remoteDir };

    expect(await deliverPairOverFtp(pair, options)).toMatchObject({ status: 'delivered' });
    await expectPairOnServer(remoteDir, pair);
    // Hidden part files too: the server's folder itself holds exactly the pair.
    expect((await readdir(join(ftpRootDir(), remoteDir))).sort()).toEqual(
      [pair.hshName, pair.txtName].sort(),
    );

    const before = statSync(join(ftpRootDir(), remoteDir, pair.txtName)).mtimeMs;
    expect(await deliverPairOverFtp(pair, options)).toMatchObject({ status: 'already-delivered' });
    expect(statSync(join(ftpRootDir(), remoteDir, pair.txtName)).mtimeMs).toBe(before);
  });

  it('when delivered over explicit FTPS with the server certificate verified, then the pair arrives the same', async () => {
    const remoteDir = freshRemoteDir('ftps');
    const pair = await preparePair(1_000);
    const result = await deliverPairOverFtp(pair, {
      ...ftpServer(),
      remoteDir,
      secure: true,
      secureOptions: trustedTls(),
    });
    expect(result.status).toBe('delivered');
    await expectPairOnServer(remoteDir, pair);
  });

  it('when the FTPS certificate is not trusted, then it fails at once without retrying', async () => {
    const pair = await preparePair(10);
    const error = await deliverPairOverFtp(pair, {
      ...ftpServer(),
      remoteDir: freshRemoteDir('untrusted'),
      secure: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FtpDeliveryError);
    expect((error as FtpDeliveryError).retriable).toBe(false);
    expect((error as Error).message).toMatch(/attempt 1\).*(self[- ]signed|certificate)/i);
  });

  it('when the password is wrong, then the error is final and never contains the password', async () => {
    const pair = await preparePair(10);
    const wrong = 'Wrong-Password-4711';
    const error = await deliverPairOverFtp(pair, {
      ...ftpServer(),
      credentials: new FtpCredentials(process.env.FTP_USER!, wrong),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FtpDeliveryError);
    expect((error as FtpDeliveryError).retriable).toBe(false);
    expect((error as Error).message).toMatch(/attempt 1\): FTP 530/);
    const everything = `${(error as Error).message} ${(error as Error).stack} ${String((error as Error).cause)} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(wrong);
  });

  it('when a different .hsh is already on the server, then nothing is replaced', async () => {
    const remoteDir = freshRemoteDir('conflict');
    const pair = await preparePair(100);
    const other = 'f'.repeat(64);
    const client = await ftpClient();
    try {
      await client.ensureDir(remoteDir);
      await client.uploadFrom(Readable.from([Buffer.from('old content')]), pair.txtName);
      await client.uploadFrom(Readable.from([Buffer.from(other)]), pair.hshName);
    } finally {
      client.close();
    }
    await expect(deliverPairOverFtp(pair, { ...ftpServer(), remoteDir })).rejects.toThrow(
      FtpDeliveryConflictError,
    );
    expect((await downloadRemote(remoteDir, pair.hshName)).toString()).toBe(other);
    expect((await downloadRemote(remoteDir, pair.txtName)).toString()).toBe('old content');
  });

  it('when an earlier attempt left its .txt in place but no .hsh, then the pair is delivered over it', async () => {
    const remoteDir = freshRemoteDir('leftover');
    const pair = await preparePair(100);
    const client = await ftpClient();
    try {
      await client.ensureDir(remoteDir);
      await client.uploadFrom(Readable.from([Buffer.from('truncated,row')]), pair.txtName);
      await client.uploadFrom(Readable.from([Buffer.from('stale part')]), partName(pair.hshName));
    } finally {
      client.close();
    }
    expect((await deliverPairOverFtp(pair, { ...ftpServer(), remoteDir })).status).toBe('delivered');
    await expectPairOnServer(remoteDir, pair);
  });

  it('when the FTP server hangs mid-upload (no byte moves), then the attempt fails within the timeout, retriably', async () => {
    // Frozen, not crashed: the connections stay open and silent, which a crash never shows.
    const ftp = await PrivateFtpServer.start({ maxRate: 200_000 });
    try {
      const remoteDir = freshRemoteDir('hang');
      const pair = await preparePair(100_000);
      const partPath = join(ftpRootDir(), remoteDir, partName(pair.txtName));
      const outcome = deliverPairOverFtp(pair, {
        ...ftp.settings(),
        remoteDir,
        timeoutMs: 2_000,
        retry: { attempts: 1 },
      }).catch((error: unknown) => error);
      await waitUntil('the upload to start', () => {
        try {
          return statSync(partPath).size > 0;
        } catch {
          return false;
        }
      });
      ftp.freeze();
      const frozenAt = Date.now();
      const error = await outcome;
      expect(error).toBeInstanceOf(FtpDeliveryError);
      expect((error as FtpDeliveryError).retriable).toBe(true);
      expect((error as Error).message).toMatch(/Timeout \(data socket\)/);
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
    } finally {
      await ftp.close();
    }
  }, 60_000);
});
