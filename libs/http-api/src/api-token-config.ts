import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MIN_TOKEN_SECRET_BYTES, TokenSecret } from './token-secret';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const tooShort = (bytes: number) =>
  `Expected at least ${MIN_TOKEN_SECRET_BYTES} bytes (got ${bytes}); e.g. openssl rand -base64 48`;

/**
 * The secret API tokens are signed with, from `API_TOKEN_SECRET` or from the file `API_TOKEN_SECRET_FILE`
 * names (a mounted Kubernetes Secret; one trailing newline is dropped): exactly one of them, at least 32
 * bytes. The output is `{ apiTokenSecret }`, a `TokenSecret` that never prints. Combine it with a service's
 * schema: `myConfigSchema.and(apiTokenConfigSchema)`; an issue names the variable at fault.
 */
export const apiTokenConfigSchema = z
  .object({ API_TOKEN_SECRET: optionalText, API_TOKEN_SECRET_FILE: optionalText })
  .transform((env, context) => {
    const fail = (variable: string, message: string) => {
      context.addIssue({ code: 'custom', path: [variable], message });
      return z.NEVER;
    };
    if (env.API_TOKEN_SECRET !== undefined && env.API_TOKEN_SECRET_FILE !== undefined) {
      return fail('API_TOKEN_SECRET', 'Expected either API_TOKEN_SECRET or API_TOKEN_SECRET_FILE, not both');
    }
    if (env.API_TOKEN_SECRET_FILE !== undefined) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(env.API_TOKEN_SECRET_FILE);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        return fail('API_TOKEN_SECRET_FILE', `Cannot read the secret file (${reason})`);
      }
      const secret = bytes.at(-1) === 0x0a ? bytes.subarray(0, -1) : bytes;
      if (secret.length < MIN_TOKEN_SECRET_BYTES)
        return fail('API_TOKEN_SECRET_FILE', tooShort(secret.length));
      return { apiTokenSecret: new TokenSecret(secret) };
    }
    if (env.API_TOKEN_SECRET === undefined) {
      return fail(
        'API_TOKEN_SECRET',
        'Expected the token secret here or in the file API_TOKEN_SECRET_FILE names',
      );
    }
    const secret = Buffer.from(env.API_TOKEN_SECRET, 'utf8');
    if (secret.length < MIN_TOKEN_SECRET_BYTES) return fail('API_TOKEN_SECRET', tooShort(secret.length));
    return { apiTokenSecret: new TokenSecret(secret) };
  });

/** What `apiTokenConfigSchema` gives. */
export type ApiTokenConfig = z.output<typeof apiTokenConfigSchema>;
