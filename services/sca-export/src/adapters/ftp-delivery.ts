import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { PrizedrawError } from '@prizedraw/events';
import { Client, type FileInfo, FTPError } from 'basic-ftp';
import { hashFileContent, parseHashFile } from '../processors/hash-file';

/** The FTP login; an `FtpCredentials` fits and keeps the password out of logs. */
export interface FtpLogin {
  readonly user: string;
  readonly password: string;
}

/** Retry policy of {@link deliverPairOverFtp}: exponential backoff with jitter. */
export interface FtpRetryOptions {
  /** Attempts in all, the first one included. Default 8. */
  attempts?: number;
  /** Delay before the second attempt. Default 500 ms; doubles each time. */
  initialDelayMs?: number;
  /** Cap of one delay. Default 30 s. */
  maxDelayMs?: number;
}

/** The minimal logger this adapter writes to (pino fits). */
export interface DeliveryLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Where and how to deliver. */
export interface FtpDeliveryOptions {
  host: string;
  /** Default 21. */
  port?: number;
  credentials: FtpLogin;
  /** `true`: explicit FTPS (AUTH TLS); `'implicit'`: legacy implicit TLS; default `false` (plain FTP). */
  secure?: boolean | 'implicit';
  /** TLS options, e.g. `{ ca }` for a self-signed server certificate. Certificates are verified by default. */
  secureOptions?: TlsOptions;
  /** Remote folder, created if missing. Default: the login folder. */
  remoteDir?: string;
  /** Control and data socket timeout. Default 30 s. */
  timeoutMs?: number;
  retry?: FtpRetryOptions;
  logger?: DeliveryLogger;
  /** Stops the delivery (shutdown): closes the connection in use and ends the retries with the signal's reason. */
  signal?: AbortSignal;
}

/** The pair to deliver: the entries file on local disk, the names SCA gets, and the file's sha256. */
export interface FtpPair {
  txtPath: string;
  txtName: string;
  hshName: string;
  /** Lowercase hex sha256 of the `.txt`; the `.hsh` content. */
  sha256: string;
  /** Size of the `.txt`, checked on the server before it is renamed into place. */
  txtBytes: number;
}

/** What {@link deliverPairOverFtp} did. */
export interface FtpDeliveryResult {
  /** `already-delivered`: the server held this exact pair, nothing was uploaded. */
  status: 'delivered' | 'already-delivered';
  attempts: number;
}

/** Delivery failed; `retriable` tells whether the attempts ran out on a failure that may pass. */
export class FtpDeliveryError extends PrizedrawError {}

/**
 * The server already holds a different `.hsh` for this name, or a `.hsh` without the complete `.txt`:
 * SCA may have taken that pair, so nothing is overwritten. Never retriable.
 */
export class FtpDeliveryConflictError extends FtpDeliveryError {}

/** Name under which a file is uploaded before it is renamed into place: hidden, and not ending in `.txt`/`.hsh`. */
export function partName(name: string): string {
  return `.${name}.part`;
}

/**
 * Delivers an SCA pair so that the server never shows a `.hsh` without its complete `.txt`: both files are
 * uploaded under temporary names ({@link partName}), the `.txt`'s size is checked, then the `.txt` is
 * renamed into place and the `.hsh` last.
 *
 * Idempotent: when the server already holds the `.txt` (same size) and a `.hsh` equal to `sha256`, nothing
 * is done. A failed attempt (connection refused or lost, timeout, 4xx reply) is retried on a new connection
 * with exponential backoff, starting the pair over. Errors never contain the password.
 */
export async function deliverPairOverFtp(
  pair: FtpPair,
  options: FtpDeliveryOptions,
): Promise<FtpDeliveryResult> {
  const attempts = options.retry?.attempts ?? 8;
  const initialDelayMs = options.retry?.initialDelayMs ?? 500;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      const status = await attemptDelivery(pair, options);
      options.logger?.info({ file: pair.txtName, status, attempt }, 'SCA pair on FTP');
      return { status, attempts: attempt };
    } catch (error) {
      options.signal?.throwIfAborted();
      const failure = toDeliveryError(error, pair, options, attempt);
      if (!failure.retriable || attempt >= attempts) throw failure;
      // Exponential, with jitter (half to all of the delay), so exporters that lost the server together do not
      // all return in the same instant.
      const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      options.logger?.warn(
        { file: pair.txtName, attempt, delayMs: Math.round(delayMs), error: failure.message },
        'FTP delivery failed, retrying',
      );
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : {});
    }
  }
}

async function attemptDelivery(
  pair: FtpPair,
  options: FtpDeliveryOptions,
): Promise<FtpDeliveryResult['status']> {
  const client = new Client(options.timeoutMs ?? 30_000);
  const abort = () => client.close();
  options.signal?.addEventListener('abort', abort, { once: true });
  let source: ReturnType<typeof createReadStream> | undefined;
  try {
    await client.access({
      host: options.host,
      port: options.port ?? 21,
      user: options.credentials.user,
      password: options.credentials.password,
      secure: options.secure ?? false,
      ...(options.secureOptions === undefined ? {} : { secureOptions: options.secureOptions }),
    });
    if (options.remoteDir) await client.ensureDir(options.remoteDir);
    const listing = new Map((await client.list()).map((file: FileInfo) => [file.name, file]));
    if (listing.has(pair.hshName)) {
      await checkExistingPair(client, pair, listing);
      return 'already-delivered';
    }
    source = createReadStream(pair.txtPath);
    await client.uploadFrom(source, partName(pair.txtName));
    const uploaded = await client.size(partName(pair.txtName));
    if (uploaded !== pair.txtBytes) {
      throw new FtpDeliveryError(
        `${partName(pair.txtName)} has ${uploaded} bytes on the server, expected ${pair.txtBytes}`,
        {
          retriable: true,
        },
      );
    }
    await client.uploadFrom(
      Readable.from([Buffer.from(hashFileContent(pair.sha256), 'ascii')]),
      partName(pair.hshName),
    );
    // A .txt left in place by an attempt that died before its .hsh: no .hsh exists, so SCA has not taken it.
    // Removed first because not every server lets RNTO replace a file.
    if (listing.has(pair.txtName)) await client.remove(pair.txtName);
    await client.rename(partName(pair.txtName), pair.txtName);
    await client.rename(partName(pair.hshName), pair.hshName);
    return 'delivered';
  } finally {
    // A failed upload leaves the file open: close it, or every retry leaks a descriptor.
    source?.destroy();
    options.signal?.removeEventListener('abort', abort);
    client.close();
  }
}

async function checkExistingPair(
  client: Client,
  pair: FtpPair,
  listing: Map<string, FileInfo>,
): Promise<void> {
  const chunks: Buffer[] = [];
  await client.downloadTo(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
    pair.hshName,
  );
  const remoteSha256 = parseHashFile(Buffer.concat(chunks).toString('ascii'));
  const txt = listing.get(pair.txtName);
  if (remoteSha256 !== pair.sha256) {
    throw new FtpDeliveryConflictError(
      `${pair.hshName} on the server holds ${remoteSha256 ?? 'no sha256'}, not ${pair.sha256}: refusing to replace a delivered pair`,
    );
  }
  if (txt === undefined || txt.size !== pair.txtBytes) {
    throw new FtpDeliveryConflictError(
      `${pair.hshName} is on the server but ${pair.txtName} is ${txt === undefined ? 'missing' : `${txt.size} bytes, not ${pair.txtBytes}`}`,
    );
  }
}

// Node error codes that will not go away by trying again: local file problems and TLS/certificate trouble.
const PERMANENT_CODES = /^(ENOENT|EACCES|EISDIR|EPERM|ERR_TLS_.*|.*CERT.*|ERR_SSL_.*)$/;

function toDeliveryError(
  error: unknown,
  pair: FtpPair,
  options: FtpDeliveryOptions,
  attempt: number,
): FtpDeliveryError {
  if (error instanceof FtpDeliveryConflictError) return error;
  const retriable = isRetriable(error);
  const where = `${options.credentials.user}@${options.host}:${options.port ?? 21}`;
  const message = redact(
    `delivering ${pair.txtName} to ${where} failed (attempt ${attempt}): ${describe(error)}`,
    options,
  );
  // A copy of the cause with the password removed: the original could carry it in a message or a property.
  const cause = new Error(redact(describe(error), options));
  return new FtpDeliveryError(message, { retriable, cause });
}

function isRetriable(error: unknown): boolean {
  if (error instanceof FtpDeliveryError) return error.retriable;
  // Checked by the type of `code`, not by `instanceof`: basic-ftp wraps a socket error whose Error class is
  // from another realm (as under jest) in an FTPError carrying the Node code, e.g. 'ECONNREFUSED'.
  const code = (error as { code?: unknown } | undefined)?.code;
  // An FTP reply. 4xx: transient (421 service closing, 425/426 data connection, 450/451 local error);
  // 5xx: permanent (530 not logged in, 550 no permission).
  if (typeof code === 'number') return code >= 400 && code < 500;
  if (typeof code === 'string' && PERMANENT_CODES.test(code)) return false;
  // Everything else is the connection: refused, reset, closed by the server, timed out.
  return true;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (error instanceof FTPError && typeof code === 'number') return `FTP ${error.message}`;
  return typeof code === 'string' && !error.message.includes(code)
    ? `${error.message} (${code})`
    : error.message;
}

function redact(text: string, options: FtpDeliveryOptions): string {
  const password = options.credentials.password;
  return password.length > 0 ? text.replaceAll(password, '[redacted]') : text;
}
