import type { FastifyRequest } from 'fastify';
import { type ApiTokens, type Principal, type Role, TokenRejected } from './api-tokens';
import { HttpProblem } from './problem';

/** What a route needs of the caller: a valid token whose role is one of `roles`. */
export interface ApiAuth {
  tokens: ApiTokens;
  roles: readonly Role[];
}

const REALM = 'Bearer realm="prizedraw"';
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const principals = new WeakMap<FastifyRequest, Principal>();

// RFC 6750 section 3: the challenge's error_description is a quoted string of printable ASCII but " and \.
const challenge = (error: string, description: string) =>
  `${REALM}, error="${error}", error_description="${description.replace(/["\\]/g, "'")}"`;

function unauthorized(detail: string, wwwAuthenticate: string): HttpProblem {
  return new HttpProblem({ status: 401, detail, headers: { 'www-authenticate': wwwAuthenticate } });
}

/** The onRequest hook of a route with `auth`: 401 without a valid token, 403 for another role. */
export function authenticate(auth: ApiAuth) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    if (header === undefined) throw unauthorized('this operation needs a bearer token', REALM);
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      const detail = 'the Authorization header must be "Bearer <token>"';
      throw unauthorized(detail, challenge('invalid_request', detail));
    }
    let principal: Principal;
    try {
      principal = auth.tokens.verify(token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      throw unauthorized(error.message, challenge('invalid_token', error.message));
    }
    if (!auth.roles.includes(principal.role)) {
      const detail = `this operation needs the role ${auth.roles.join(' or ')}; the token's role is ${principal.role}`;
      throw new HttpProblem({ status: 403, detail });
    }
    principals.set(request, principal);
  };
}

/** Who sent `request`, as its verified token says; only for routes declared with `auth`. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (principal === undefined) throw new Error(`${request.method} ${request.url}: the route has no auth`);
  return principal;
}
