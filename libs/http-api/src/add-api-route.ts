import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { z } from 'zod';
import { type ApiAuth, authenticate } from './api-auth';
import { type ApiResponse, problemResponse, wwwAuthenticateHeader } from './api-responses';
import { BEARER_SCHEME } from './create-http-api';
import { RESPONSE_HEADERS_KEY, type ResponseHeaders } from './openapi-transform';

/** The zod schemas of a request's parts; each part given is validated before the handler runs. */
export interface ApiRequestSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
}

type Out<T> = T extends z.ZodType ? z.output<T> : unknown;

/** A request whose parts are the outputs of the route's schemas. */
export type ApiRequest<S extends ApiRequestSchemas> = FastifyRequest<{
  Params: Out<S['params']>;
  Querystring: Out<S['querystring']>;
  Body: Out<S['body']>;
  Headers: Out<S['headers']>;
}>;

/** An operation of the API: what it takes, what it answers, who may call it, and how it is served. */
export interface ApiRoute<S extends ApiRequestSchemas> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Fastify's path pattern: `/v1/campaigns/:campaignId`. The router takes parameters of any length: give
   * each a `.max()` in `request.params`.
   */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** Omitted: a public operation. Given: 401 without a valid bearer token, 403 for a role not listed. */
  auth?: ApiAuth;
  request?: S;
  /**
   * Every response the handler sends, by status: successes (`jsonResponse`) and the problems of its own
   * (`problemResponse`). The standard problems (400, 401, 403, 413, 415, 500) are added as they apply.
   */
  responses: Record<number, ApiResponse>;
  handler(request: ApiRequest<S>, reply: FastifyReply): Promise<unknown>;
}

/** The problems any operation may answer with, given what it takes. */
function standardProblems(route: ApiRoute<ApiRequestSchemas>): Record<number, ApiResponse> {
  const { request = {}, auth } = route;
  const problems: Record<number, ApiResponse> = {};
  if (Object.values(request).some((schema) => schema !== undefined)) {
    problems[400] = problemResponse('the request is invalid: `issues` names each field at fault and why');
  }
  if (auth !== undefined) {
    problems[401] = problemResponse('no bearer token, or one that is invalid or expired', {
      headers: { 'www-authenticate': wwwAuthenticateHeader },
    });
    problems[403] = problemResponse(`the token's role is not ${auth.roles.join(' or ')}`);
  }
  if (request.body !== undefined) {
    problems[413] = problemResponse('the body is larger than the server accepts (1 MiB)');
    problems[415] = problemResponse('the body is not application/json');
  }
  problems[500] = problemResponse('an unexpected error; the detail says nothing more, the server logged it');
  return problems;
}

/**
 * Adds an operation to a server made by `createHttpApi`: its request parts are validated with their zod
 * schemas (400 problem naming each field), its responses serialized with theirs (a handler that sends
 * something else fails loudly with 500, so the document cannot lie), and the OpenAPI document describes it
 * from those same schemas, with every error response it may give.
 */
export function addApiRoute<S extends ApiRequestSchemas>(http: FastifyInstance, route: ApiRoute<S>): void {
  const responses = { ...standardProblems(route as ApiRoute<ApiRequestSchemas>), ...route.responses };
  const headers: ResponseHeaders = {};
  const response: Record<string, unknown> = {};
  for (const [status, declared] of Object.entries(responses)) {
    response[status] = {
      description: declared.description,
      content: { [declared.mediaType ?? 'application/json']: { schema: declared.schema } },
    };
    if (declared.headers !== undefined) headers[status] = declared.headers;
  }
  http.route({
    method: route.method,
    url: route.url,
    // HEAD is not part of the API: it answers 405 like any method the path does not serve.
    exposeHeadRoute: false,
    schema: {
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: route.tags,
      ...route.request,
      ...(route.auth === undefined ? {} : { security: [{ [BEARER_SCHEME]: [] }] }),
      response,
      [RESPONSE_HEADERS_KEY]: headers,
    },
    ...(route.auth === undefined ? {} : { onRequest: authenticate(route.auth) }),
    handler: route.handler as unknown as RouteHandlerMethod,
  });
}
