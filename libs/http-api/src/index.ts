/**
 * @prizedraw/http-api — prizedraw's HTTP APIs on Fastify: routes whose request parts and responses are zod
 * schemas (validated and serialized with them), the OpenAPI 3.1 document generated from those same schemas
 * at `GET /openapi.json` with Swagger UI at `/docs`, every error as RFC 9457 problem+json naming the fields
 * at fault, and bearer tokens (HS256 JWTs) carrying a role and a subject.
 *
 * ```ts
 * const http = await createHttpApi({ title: 'prizedraw', version: '1.0.0', log: logger });
 * const tokens = new ApiTokens(config.apiTokenSecret); // config parsed with `apiTokenConfigSchema`
 * addApiRoute(http, {
 *   method: 'POST',
 *   url: '/v1/campaigns/:campaignId/draws',
 *   operationId: 'drawOnce',
 *   summary: 'Draw once in a campaign',
 *   tags: ['instant-win'],
 *   auth: { tokens, roles: ['customer'] },
 *   request: { params: z.object({ campaignId: z.uuid() }) }, // give every path parameter a bound
 *   responses: {
 *     201: jsonResponse('the outcome of the draw', drawSchema),
 *     409: problemResponse('the customer already drew today', { extensions: { draw: drawSchema } }),
 *     503: problemResponse('the database is unreachable', { headers: { 'retry-after': retryAfterHeader } }),
 *   },
 *   async handler(request, reply) {
 *     const { subject } = principalOf(request);
 *     const draw = await draws.drawOnce(request.params.campaignId, subject);
 *     return reply.code(201).send(draw);
 *   },
 * });
 * await http.listen({ port: 8080 });
 * ```
 */
export { type ApiRequest, type ApiRequestSchemas, type ApiRoute, addApiRoute } from './add-api-route';
export { type ApiAuth, principalOf } from './api-auth';
export {
  type ApiResponse,
  jsonResponse,
  type ProblemResponseOptions,
  problemResponse,
  retryAfterHeader,
  wwwAuthenticateHeader,
} from './api-responses';
export { type ApiTokenConfig, apiTokenConfigSchema } from './api-token-config';
export {
  ApiTokens,
  type IssueTokenOptions,
  type Principal,
  ROLES,
  type Role,
  TokenRejected,
} from './api-tokens';
export { BEARER_SCHEME, createHttpApi, type HttpApiOptions, MAX_PARAM_LENGTH } from './create-http-api';
export type { ResponseHeader } from './openapi-transform';
export {
  HttpProblem,
  type HttpProblemInit,
  type Issue,
  type IssueLocation,
  issueSchema,
  PROBLEM_MEDIA_TYPE,
  type Problem,
  problemSchema,
  problemType,
  VALIDATION_PROBLEM,
  validationProblem,
} from './problem';
export type { ErrorLog } from './problem-replies';
export { BODY_ISSUES, parseStrictJson } from './strict-json-parser';
export { MIN_TOKEN_SECRET_BYTES, TokenSecret } from './token-secret';
