import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { z } from 'zod';
import { apiTokenConfigSchema } from './api-token-config';

const SECRET = 'x'.repeat(40);
const dir = mkdtempSync(join(tmpdir(), 'api-token-config-'));

function issuesOf(env: Record<string, string>) {
  const result = z
    .object({ PORT: z.string().default('1') })
    .and(apiTokenConfigSchema)
    .safeParse(env);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('apiTokenConfigSchema', () => {
  it('when API_TOKEN_SECRET is set, then its bytes are the secret', () => {
    const { apiTokenSecret } = apiTokenConfigSchema.parse({ API_TOKEN_SECRET: SECRET });
    expect(apiTokenSecret.reveal().toString()).toBe(SECRET);
  });

  it('when API_TOKEN_SECRET_FILE names a file, then its content less one trailing newline is the secret', () => {
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    const { apiTokenSecret } = apiTokenConfigSchema.parse({ API_TOKEN_SECRET_FILE: file });
    expect(apiTokenSecret.reveal().toString()).toBe(SECRET);
  });

  it.each([
    [{}, 'API_TOKEN_SECRET: Expected the token secret here or in the file API_TOKEN_SECRET_FILE names'],
    [
      { API_TOKEN_SECRET: 'short' },
      'API_TOKEN_SECRET: Expected at least 32 bytes (got 5); e.g. openssl rand -base64 48',
    ],
    [
      { API_TOKEN_SECRET: SECRET, API_TOKEN_SECRET_FILE: '/x' },
      'API_TOKEN_SECRET: Expected either API_TOKEN_SECRET or API_TOKEN_SECRET_FILE, not both',
    ],
    [
      { API_TOKEN_SECRET_FILE: join(dir, 'missing') },
      'API_TOKEN_SECRET_FILE: Cannot read the secret file (ENOENT)',
    ],
  ])('when the environment is %j, then the issue names the variable and why', (env, issue) => {
    expect(issuesOf(env)).toEqual([issue]);
  });

  it('when the config is logged, then the secret is not in it', () => {
    const config = apiTokenConfigSchema.parse({ API_TOKEN_SECRET: SECRET });
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(inspect(config)).not.toContain(SECRET);
    expect(`${config.apiTokenSecret}`).toBe('[redacted]');
  });
});
