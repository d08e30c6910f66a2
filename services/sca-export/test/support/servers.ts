import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { promisify } from 'node:util';
import { Client, type FileInfo } from 'basic-ftp';
import { FtpCredentials } from '../../src/adapters/ftp-credentials';
import type { CsvEntry } from '../../src/processors/entries-csv';

// Settings of the real servers of the local stack (`eval "$(deploy/local/stack env)"`).

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const STACK_DIR = process.env.PRIZEDRAW_STACK_DIR ?? join(REPO_ROOT, '.stack');

export function ftpServer() {
  return {
    host: process.env.FTP_HOST!,
    port: Number(process.env.FTP_PORT ?? 21),
    credentials: new FtpCredentials(process.env.FTP_USER!, process.env.FTP_PASSWORD!),
  };
}

/** TLS options that trust the stack's self-signed certificate (verification stays on). */
export function trustedTls(): TlsOptions {
  const caFile = process.env.FTP_TLS_CA_FILE ?? join(STACK_DIR, 'ftp', 'tls', 'cert.pem');
  return { ca: readFileSync(caFile) };
}

/** Where the FTP user's files are on this machine (the server's jail), to watch them without FTP. */
export function ftpRootDir(): string {
  return process.env.FTP_ROOT_DIR ?? join(STACK_DIR, 'ftp', 'root');
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A fresh logged-in FTP client (plain), in `dir`. */
export async function ftpClient(dir?: string): Promise<Client> {
  const server = ftpServer();
  const client = new Client(10_000);
  await client.access({
    host: server.host,
    port: server.port,
    user: server.credentials.user,
    password: server.credentials.password,
  });
  if (dir) await client.cd(dir);
  return client;
}

/** The listing of `dir` as the FTP server shows it (waiting out a restart by another test file). */
export function listRemote(dir: string): Promise<FileInfo[]> {
  return whileFtpRestarts(async () => {
    const client = await ftpClient(dir);
    try {
      return await client.list();
    } finally {
      client.close();
    }
  });
}

/** The bytes of a remote file (waiting out a restart by another test file). */
export function downloadRemote(dir: string, name: string): Promise<Buffer> {
  return whileFtpRestarts(async () => {
    const client = await ftpClient(dir);
    const chunks: Buffer[] = [];
    try {
      await client.downloadTo(
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk);
            callback();
          },
        }),
        name,
      );
      return Buffer.concat(chunks);
    } finally {
      client.close();
    }
  });
}

/** `count` entries of contest `utmContent`, generated lazily. */
export async function* generateEntries(utmContent: string, count: number): AsyncGenerator<CsvEntry> {
  for (let n = 1; n <= count; n += 1) {
    yield {
      entryId: `${utmContent}-entry-${n}`,
      utmContent,
      email: `entrant-${n}@example.com`,
      firstName: n % 3 === 0 ? 'Zoë' : 'Ada',
      lastName: n % 5 === 0 ? 'Lovelace, "Countess"' : 'Lovelace',
      phone: '+1 555 0100',
      site: '2017',
      accountId: n % 2 === 0 ? `acc-${n}` : null,
      createdAt: new Date(Date.UTC(2026, 2, 8, 12, 0, 0, n % 1000)),
    };
  }
}

/**
 * Kills the stack's vsftpd like a crash would: the listener and every session process under it. vsftpd
 * puts each session in its own process group, so signalling the listener's group would leave our upload
 * running.
 */
export function stopFtpServer(): void {
  const listener = Number(readFileSync(join(STACK_DIR, 'run', 'ftp.pid'), 'utf8').trim());
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [listener];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  }
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

const OUTAGE_LOCK_STALE_MS = 10 * 60_000;

/**
 * Runs a scenario that stops the shared FTP server, one at a time across jest's workers: another file's
 * fault test starting the server again in the middle would break this one (a CI run saw an export complete
 * while its test had the server down). A lock left by a killed run is taken over after ten minutes.
 */
export async function withFtpOutage<T>(scenario: () => Promise<T>): Promise<T> {
  const lock = join(STACK_DIR, 'run', 'ftp-outage.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > OUTAGE_LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await scenario();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Starts the stack's FTP server again (waits for any other `stack` command holding the stack lock). */
export async function startFtpServer(): Promise<void> {
  await promisify(execFile)(join(REPO_ROOT, 'deploy/local/stack'), ['up', 'ftp'], {
    cwd: REPO_ROOT,
    timeout: 240_000,
  });
}

/**
 * Runs an FTP read, retrying while the server does not answer: another test file may have stopped the
 * shared server for a fault test, and it comes back within a minute.
 */
async function whileFtpRestarts<T>(read: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
