import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AllowedMethods } from './allowed-methods';
import {
  HttpProblem,
  type Issue,
  type IssueLocation,
  PROBLEM_MEDIA_TYPE,
  validationProblem,
} from './problem';

/** Where unexpected errors are logged (a pino logger fits). */
export interface ErrorLog {
  error(details: object, message: string): void;
}

const LOCATIONS: Record<string, IssueLocation> = {
  params: 'path',
  querystring: 'query',
  headers: 'header',
  body: 'body',
};

/** The path of the request, without its query: a problem's `instance`. */
function instanceOf(request: FastifyRequest): string {
  const path = request.url.split('?', 1)[0];
  return path === undefined || path === '' ? '/' : path;
}

/** Sends `problem` as `application/problem+json` with its headers. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: HttpProblem,
): FastifyReply {
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_MEDIA_TYPE)
    .send(problem.toProblem(instanceOf(request)));
}

/** The issues of a failed schema validation (fastify-type-provider-zod's, one per zod issue). */
function validationIssues(error: FastifyError): Issue[] {
  const where = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
  return (error.validation ?? []).map((failure) => ({
    in: where,
    field: failure.instancePath.split('/').filter(Boolean).join('.') || `(${where})`,
    message: failure.message ?? 'is invalid',
  }));
}

/** The problem an error thrown while serving `request` answers with; unexpected errors are logged, not told. */
export function problemOf(error: FastifyError, request: FastifyRequest, log: ErrorLog): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error.validation !== undefined) return validationProblem(validationIssues(error));
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const type = request.headers['content-type'] ?? '(none)';
    return new HttpProblem({
      status,
      detail: `the media type ${type} is not accepted; send application/json`,
    });
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HttpProblem({
      status,
      detail: `the body is larger than ${request.routeOptions.bodyLimit} bytes`,
    });
  }
  // Fastify's own client errors (a bad Content-Length, …) say nothing of the server: their message is kept.
  if (status >= 400 && status < 500) return new HttpProblem({ status, detail: error.message });
  log.error({ err: error, method: request.method, url: request.url }, 'unexpected error serving a request');
  return new HttpProblem({ status: 500, detail: 'an unexpected error occurred; it has been logged' });
}

/** The problem of a request no route matched: 405 with `Allow` when the path has other methods, else 404. */
function notFoundProblem(request: FastifyRequest, routes: AllowedMethods): HttpProblem {
  const path = instanceOf(request);
  const allowed = routes.of(path);
  if (allowed.length === 0) return new HttpProblem({ status: 404, detail: `no resource at ${path}` });
  return new HttpProblem({
    status: 405,
    detail: `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
    headers: { allow: allowed.join(', ') },
  });
}

/**
 * Answers every error with a problem: the error handler (validation, bodies, thrown `HttpProblem`s and
 * unexpected errors), unknown paths (404) and known paths asked with another method (405 with `Allow`).
 */
export function useProblemReplies(http: FastifyInstance, routes: AllowedMethods, log: ErrorLog): void {
  http.setErrorHandler((error: FastifyError, request, reply) => {
    // Fastify reads the body of a request no route matched too (a QUERY without Content-Type fails there):
    // what the client needs to hear is still that nothing serves it.
    const problem = request.is404 ? notFoundProblem(request, routes) : problemOf(error, request, log);
    return sendProblem(request, reply, problem);
  });
  http.setNotFoundHandler((request, reply) => sendProblem(request, reply, notFoundProblem(request, routes)));
}
