import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { z } from 'zod';
import type { TokenSecret } from './token-secret';

/** The roles an API token may carry: an operator runs campaigns and draws, a customer takes part. */
export const ROLES = ['operator', 'customer'] as const;

/** A role an API token may carry. */
export type Role = (typeof ROLES)[number];

/** Who a request comes from, as its verified token says. */
export interface Principal {
  role: Role;
  /** The token's `sub`: an operator's name, or a customer's account id. */
  subject: string;
}

/** What `ApiTokens.issue` needs. */
export interface IssueTokenOptions extends Principal {
  /** How long the token is valid, in seconds. Default 3,600. */
  ttlSeconds?: number;
}

/** A token that was refused, with the reason (safe to send back: it says nothing of the secret). */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

const ISSUER = 'prizedraw';
const AUDIENCE = 'prizedraw-api';
const DEFAULT_TTL_SECONDS = 3_600;

const claimsSchema = z.object({ sub: z.string().min(1), role: z.enum(ROLES) });

const REASONS: Partial<Record<string, string>> = {
  [TokenError.codes.expired]: 'the token has expired',
  [TokenError.codes.inactive]: 'the token is not valid yet',
  [TokenError.codes.invalidSignature]: 'the token signature is invalid',
  [TokenError.codes.malformed]: 'the token is not a JWT',
  [TokenError.codes.invalidAlgorithm]: 'the token is not signed with HS256',
  [TokenError.codes.missingSignature]: 'the token is not signed with HS256',
  [TokenError.codes.missingRequiredClaim]: 'the token lacks a required claim (sub, role, exp)',
  [TokenError.codes.invalidClaimValue]: 'the token was issued for another issuer or audience',
};

/**
 * Issues and verifies prizedraw's API tokens: JWTs signed with HS256 (fast-jwt), issuer `prizedraw`,
 * audience `prizedraw-api`, with `sub` (the subject), `role` and `exp` required.
 *
 * ```ts
 * const tokens = new ApiTokens(config.apiTokenSecret);
 * const token = tokens.issue({ role: 'customer', subject: 'acct-42', ttlSeconds: 600 });
 * tokens.verify(token); // → { role: 'customer', subject: 'acct-42' }
 * ```
 */
export class ApiTokens {
  readonly #verify: (token: string) => unknown;
  readonly #secret: TokenSecret;

  constructor(secret: TokenSecret) {
    this.#secret = secret;
    this.#verify = createVerifier({
      key: secret.reveal(),
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      requiredClaims: ['sub', 'role', 'exp'],
      cache: false,
    });
  }

  /** A signed token for `subject` in `role`; `now` (ms since the epoch) only for tests of expiry. */
  issue(options: IssueTokenOptions, now = Date.now()): string {
    const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new RangeError(`ttlSeconds: expected a positive whole number of seconds (got ${ttlSeconds})`);
    }
    const sign = createSigner({
      key: this.#secret.reveal(),
      algorithm: 'HS256',
      iss: ISSUER,
      aud: AUDIENCE,
      sub: claimsSchema.shape.sub.parse(options.subject),
      expiresIn: ttlSeconds * 1000,
      clockTimestamp: now,
    });
    return sign({ role: claimsSchema.shape.role.parse(options.role) });
  }

  /** The principal of a valid token; throws `TokenRejected` saying why one is not. */
  verify(token: string): Principal {
    let payload: unknown;
    try {
      payload = this.#verify(token);
    } catch (error) {
      const code = error instanceof TokenError ? error.code : undefined;
      throw new TokenRejected((code && REASONS[code]) ?? 'the token is invalid');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenRejected(`the token's role must be one of ${ROLES.join(', ')}`);
    return { role: claims.data.role, subject: claims.data.sub };
  }
}
