import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PrizedrawError } from '@prizedraw/events';

const REDACTED = '[redacted]';

/**
 * FTP user and password. The password is readable through `password` only: `JSON.stringify`, `util.inspect`
 * (console, pino) and string conversion show `[redacted]`, so passing the object to a logger does not leak it.
 */
export class FtpCredentials {
  readonly user: string;
  readonly #password: string;

  constructor(user: string, password: string) {
    this.user = user;
    this.#password = password;
  }

  get password(): string {
    return this.#password;
  }

  toJSON(): { user: string; password: string } {
    return { user: this.user, password: REDACTED };
  }

  toString(): string {
    return `FtpCredentials(${this.user}, ${REDACTED})`;
  }

  [inspect.custom](): string {
    return `FtpCredentials { user: ${JSON.stringify(this.user)}, password: '${REDACTED}' }`;
  }
}

/** The credentials could not be loaded. The message names the source, never a secret's content. */
export class FtpCredentialsError extends PrizedrawError {}

/** Where {@link loadFtpCredentials} looks, first match wins. Map `FTP_SECRET_ID`, `FTP_CREDENTIALS_FILE`, `FTP_USER`, `FTP_PASSWORD` here. */
export interface FtpCredentialsSource {
  /** AWS Secrets Manager secret id or ARN; its string is JSON `{ "username", "password" }` (or `user`). */
  secretId?: string;
  /** Path of a JSON file of the same shape. */
  credentialsFile?: string;
  user?: string;
  password?: string;
  /** Client for `secretId`; default: a `SecretsManagerClient` with the AWS SDK's default configuration. */
  secretsManager?: Pick<SecretsManagerClient, 'send'>;
}

/**
 * FTP credentials from AWS Secrets Manager when `secretId` is set, else from `credentialsFile`, else from
 * `user`/`password`. Throws {@link FtpCredentialsError} naming the source when none is usable; a Secrets
 * Manager failure that may pass (throttling, network) is `retriable`.
 */
export async function loadFtpCredentials(source: FtpCredentialsSource): Promise<FtpCredentials> {
  if (source.secretId) {
    return parseCredentialsJson(await fetchSecret(source), `secret ${source.secretId}`);
  }
  if (source.credentialsFile) {
    let text: string;
    try {
      text = await readFile(source.credentialsFile, 'utf8');
    } catch (error) {
      throw new FtpCredentialsError(
        `cannot read FTP credentials file ${source.credentialsFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    return parseCredentialsJson(text, `file ${source.credentialsFile}`);
  }
  if (source.user && source.password) return new FtpCredentials(source.user, source.password);
  throw new FtpCredentialsError(
    'no FTP credentials: set FTP_SECRET_ID (AWS Secrets Manager), FTP_CREDENTIALS_FILE, or FTP_USER and FTP_PASSWORD',
  );
}

async function fetchSecret(source: FtpCredentialsSource): Promise<string> {
  const client = source.secretsManager ?? new SecretsManagerClient({});
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: source.secretId }));
    if (output.SecretString === undefined)
      throw new FtpCredentialsError(`secret ${source.secretId} has no string value`);
    return output.SecretString;
  } catch (error) {
    if (error instanceof FtpCredentialsError) throw error;
    const name = (error as Error).name;
    // Client errors (no such secret, access denied) stay until someone fixes them; the rest may pass.
    const permanent = [
      'ResourceNotFoundException',
      'AccessDeniedException',
      'InvalidParameterException',
      'InvalidRequestException',
      'DecryptionFailure',
    ];
    throw new FtpCredentialsError(`cannot read secret ${source.secretId}: ${name}`, {
      retriable: !permanent.includes(name),
    });
  }
}

function parseCredentialsJson(text: string, origin: string): FtpCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input, which is the secret: say only that it is not JSON.
    throw new FtpCredentialsError(`FTP credentials in ${origin} are not valid JSON`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const user = record.username ?? record.user;
  const password = record.password;
  if (typeof user !== 'string' || user === '' || typeof password !== 'string' || password === '') {
    throw new FtpCredentialsError(
      `FTP credentials in ${origin} need non-empty "username" (or "user") and "password"`,
    );
  }
  return new FtpCredentials(user, password);
}
