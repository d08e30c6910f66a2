import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { FtpCredentials, FtpCredentialsError, loadFtpCredentials } from './ftp-credentials';

const SECRET = 'hunter2-very-secret';

describe('FtpCredentials', () => {
  it('when logged, stringified or inspected, then the password does not show', () => {
    const credentials = new FtpCredentials('sca', SECRET);
    expect(credentials.password).toBe(SECRET);
    for (const text of [
      JSON.stringify(credentials),
      inspect(credentials),
      String(credentials),
      JSON.stringify({ credentials }),
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain('sca');
    }
    expect(Object.keys(credentials)).toEqual(['user']);
  });
});

describe('loadFtpCredentials', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ftp-credentials-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when only user and password are given, then they are used', async () => {
    const credentials = await loadFtpCredentials({ user: 'sca', password: SECRET });
    expect([credentials.user, credentials.password]).toEqual(['sca', SECRET]);
  });

  it('when a credentials file is given, then it wins over user and password', async () => {
    const file = join(dir, 'ftp.json');
    await writeFile(file, JSON.stringify({ username: 'from-file', password: SECRET }));
    const credentials = await loadFtpCredentials({
      credentialsFile: file,
      user: 'env',
      password: 'env-password',
    });
    expect([credentials.user, credentials.password]).toEqual(['from-file', SECRET]);
  });

  it('when the file is not JSON, then the error says so without quoting the content', async () => {
    const file = join(dir, 'ftp.json');
    await writeFile(file, `user=sca password=${SECRET}`);
    const error = await loadFtpCredentials({ credentialsFile: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FtpCredentialsError);
    expect((error as Error).message).toMatch(/are not valid JSON/);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it('when the file lacks the password, or is missing, then the error names the file', async () => {
    const file = join(dir, 'ftp.json');
    await writeFile(file, JSON.stringify({ user: 'sca' }));
    await expect(loadFtpCredentials({ credentialsFile: file })).rejects.toThrow(
      /need non-empty "username".*"password"/,
    );
    await expect(loadFtpCredentials({ credentialsFile: join(dir, 'nope.json') })).rejects.toThrow(
      /nope\.json: ENOENT/,
    );
  });

  it('when nothing is configured, then the error lists the variables to set', async () => {
    await expect(loadFtpCredentials({})).rejects.toThrow(
      /FTP_SECRET_ID.*FTP_CREDENTIALS_FILE.*FTP_USER and FTP_PASSWORD/,
    );
  });

  it('when a secret id is given, then the secret string is read (through the client given)', async () => {
    const requests: unknown[] = [];
    const secretsManager = {
      send: async (command: { input: unknown }) => {
        requests.push(command.input);
        return { SecretString: JSON.stringify({ username: 'from-secret', password: SECRET }) };
      },
    };
    const credentials = await loadFtpCredentials({
      secretId: 'prod/sca/ftp',
      secretsManager: secretsManager as never,
      user: 'env',
      password: 'x',
    });
    expect([credentials.user, credentials.password]).toEqual(['from-secret', SECRET]);
    expect(requests).toEqual([{ SecretId: 'prod/sca/ftp' }]);
  });

  it('when the secret cannot be read, then the error names the secret and the failure kind, and is retriable only if it may pass', async () => {
    const failing = (name: string) => ({
      send: async () => {
        throw Object.assign(new Error(`boom ${SECRET}`), { name });
      },
    });
    const notFound = await loadFtpCredentials({
      secretId: 's',
      secretsManager: failing('ResourceNotFoundException') as never,
    }).then(
      () => undefined,
      (e: FtpCredentialsError) => e,
    );
    expect([notFound?.message, notFound?.retriable]).toEqual([
      'cannot read secret s: ResourceNotFoundException',
      false,
    ]);
    const throttled = await loadFtpCredentials({
      secretId: 's',
      secretsManager: failing('ThrottlingException') as never,
    }).then(
      () => undefined,
      (e: FtpCredentialsError) => e,
    );
    expect(throttled?.retriable).toBe(true);
    expect(inspect(throttled)).not.toContain(SECRET);
  });
});
