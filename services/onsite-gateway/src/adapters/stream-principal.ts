import { type ApiTokens, HttpProblem, type Principal, TokenRejected } from '@prizedraw/http-api';

const REALM = 'Bearer realm="prizedraw"';
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The principal of a stream request, from `Authorization: Bearer …` or, since EventSource cannot send
 * headers, the `access_token` query parameter (RFC 6750 section 2.3). 401 problems as @prizedraw/http-api's.
 */
export function streamPrincipal(
  tokens: ApiTokens,
  authorization: string | undefined,
  accessToken: string | undefined,
): Principal {
  const token = authorization === undefined ? accessToken : BEARER.exec(authorization)?.[1];
  if (token === undefined) {
    const detail =
      authorization === undefined
        ? 'this stream needs a bearer token (Authorization header or access_token parameter)'
        : 'the Authorization header must be "Bearer <token>"';
    throw unauthorized(detail, authorization === undefined ? REALM : challenge('invalid_request', detail));
  }
  try {
    return tokens.verify(token);
  } catch (error) {
    if (!(error instanceof TokenRejected)) throw error;
    throw unauthorized(error.message, challenge('invalid_token', error.message));
  }
}

function challenge(error: string, description: string): string {
  return `${REALM}, error="${error}", error_description="${description.replace(/["\\]/g, "'")}"`;
}

function unauthorized(detail: string, wwwAuthenticate: string): HttpProblem {
  return new HttpProblem({ status: 401, detail, headers: { 'www-authenticate': wwwAuthenticate } });
}
