import { z } from 'zod';
import type { ResponseHeader } from './openapi-transform';
import { PROBLEM_MEDIA_TYPE, problemSchema } from './problem';

/** A response a route declares: its description, body schema, media type and headers. */
export interface ApiResponse {
  description: string;
  /** The body's zod schema: the response is serialized with it, so it can only send what it says. */
  schema: z.ZodType;
  /** Default `application/json`; problems are `application/problem+json`. */
  mediaType?: string;
  headers?: Record<string, ResponseHeader>;
}

/** A JSON response with `schema` as its body. */
export function jsonResponse(
  description: string,
  schema: z.ZodType,
  headers?: Record<string, ResponseHeader>,
): ApiResponse {
  return { description, schema, headers };
}

/** What a problem response adds to the RFC 9457 members. */
export interface ProblemResponseOptions {
  /** Extension members, e.g. `{ partition: z.int() }`. */
  extensions?: z.ZodRawShape;
  headers?: Record<string, ResponseHeader>;
}

/** A problem+json response: `problemSchema`, with extension members when given. */
export function problemResponse(description: string, options: ProblemResponseOptions = {}): ApiResponse {
  const schema = options.extensions === undefined ? problemSchema : problemSchema.extend(options.extensions);
  return { description, schema, mediaType: PROBLEM_MEDIA_TYPE, headers: options.headers };
}

/** The `Retry-After` header of a 503: seconds to wait before trying again. */
export const retryAfterHeader: ResponseHeader = {
  description: 'seconds to wait before trying again',
  schema: z.string().regex(/^\d+$/),
};

/** The `WWW-Authenticate` header of a 401 (RFC 6750). */
export const wwwAuthenticateHeader: ResponseHeader = {
  description: 'the Bearer challenge (RFC 6750), with error="invalid_token" when a token was refused',
  schema: z.string().regex(/^Bearer /),
};
