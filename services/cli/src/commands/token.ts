import { ApiTokens, apiTokenConfigSchema, ROLES, type Role } from '@prizedraw/http-api';
import { parseConfig } from '@prizedraw/service';

/** The options of `prizedraw token`, as typed. */
export interface TokenOptions {
  role: string;
  subject: string;
  /** How long the token is valid: seconds (`3600`) or with a unit (`90s`, `15m`, `12h`, `7d`). */
  ttl: string;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** The seconds a `--ttl` says; throws naming the option when it says none. */
export function ttlSeconds(ttl: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(ttl.trim());
  const seconds = match === null ? 0 : Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 0);
  if (!Number.isSafeInteger(seconds) || seconds < 1) {
    throw new Error(`--ttl: expected a positive duration such as 3600, 90s, 15m, 12h or 7d (got "${ttl}")`);
  }
  return seconds;
}

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/**
 * `prizedraw token --role operator|customer --subject ID [--ttl 1h]`: an API token for local use, signed with
 * the secret of API_TOKEN_SECRET or API_TOKEN_SECRET_FILE (the one the services verify with).
 */
export function issueToken(options: TokenOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (!isRole(options.role)) {
    throw new Error(`--role: expected one of ${ROLES.join(', ')} (got "${options.role}")`);
  }
  if (options.subject.trim() === '') throw new Error('--subject: expected a non-blank id');
  const { apiTokenSecret } = parseConfig(apiTokenConfigSchema, env);
  return new ApiTokens(apiTokenSecret).issue({
    role: options.role,
    subject: options.subject,
    ttlSeconds: ttlSeconds(options.ttl),
  });
}
