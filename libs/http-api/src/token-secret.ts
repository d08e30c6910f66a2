import { inspect } from 'node:util';

/** The shortest HS256 secret accepted: 256 bits, the hash's size (RFC 7518 section 3.2). */
export const MIN_TOKEN_SECRET_BYTES = 32;

/**
 * The secret API tokens are signed with. It never prints: `JSON.stringify`, `util.inspect` (pino, console)
 * and string conversion all give `[redacted]`, so a logged config cannot leak it.
 */
export class TokenSecret {
  readonly #bytes: Buffer;

  constructor(bytes: Buffer) {
    if (bytes.length < MIN_TOKEN_SECRET_BYTES) {
      throw new RangeError(
        `a token secret must be at least ${MIN_TOKEN_SECRET_BYTES} bytes (got ${bytes.length})`,
      );
    }
    this.#bytes = Buffer.from(bytes);
  }

  /** The secret's bytes, for the signer and the verifier only. */
  reveal(): Buffer {
    return this.#bytes;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'TokenSecret [redacted]';
  }
}
