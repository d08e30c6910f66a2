import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Client, type FileInfo } from 'basic-ftp';
import { FtpCredentials } from '../../src/adapters/ftp-credentials';
import type { CsvEntry } from '../../src/processors/entries-csv';

// Settings of the real servers of the local stack (`eval "$(deploy/local/stack env)"`).

const REPO_ROOT = resolve(__dirname, '../../../..');
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

/** A fresh logged-in FTP client (plain) of `server` (default the stack's), in `dir`. */
export async function ftpClient(dir?: string, server = ftpServer()): Promise<Client> {
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

/** The listing of `dir` as the FTP server shows it. */
export async function listRemote(dir: string, server = ftpServer()): Promise<FileInfo[]> {
  const client = await ftpClient(dir, server);
  try {
    return await client.list();
  } finally {
    client.close();
  }
}

/** The bytes of a remote file. */
export async function downloadRemote(dir: string, name: string, server = ftpServer()): Promise<Buffer> {
  const client = await ftpClient(dir, server);
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
