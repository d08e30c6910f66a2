import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AllowedMethods } from './allowed-methods';
import { openApiTransform, withoutUnusedSchemas } from './openapi-transform';
import { HttpProblem, validationProblem } from './problem';
import { type ErrorLog, problemOf, sendProblem, useProblemReplies } from './problem-replies';
import { useStrictJsonParser } from './strict-json-parser';

/** Fastify's limit on a path parameter's length: longer ones are refused with 414 before any route runs. */
export const MAX_PARAM_LENGTH = 100;

/** The name of the bearer security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearerAuth';

/** The problem of a request the router refused before any route ran, naming the path as the field. */
function routerProblem(error: FastifyError): HttpProblem | undefined {
  if (error.code === 'FST_ERR_BAD_URL') {
    return validationProblem([
      { in: 'path', field: '(path)', message: 'the path holds a malformed %-escape' },
    ]);
  }
  if (error.code !== 'FST_ERR_MAX_PARAM_LENGTH') return undefined;
  const message = `a path parameter is longer than ${MAX_PARAM_LENGTH} characters`;
  return new HttpProblem({
    status: 414,
    detail: message,
    issues: [{ in: 'path', field: '(path)', message }],
  });
}

/** What `createHttpApi` needs. */
export interface HttpApiOptions {
  /** The document's `info.title`, e.g. `prizedraw`. */
  title: string;
  /** The document's `info.version`. */
  version: string;
  /** The document's `info.description` (Markdown). */
  description?: string;
  /** Where unexpected errors (answered 500) are logged. */
  log: ErrorLog;
  /** Fastify's server options (`bodyLimit`, …), passed on. */
  server?: FastifyServerOptions;
}

const DEFAULT_DESCRIPTION = [
  'Errors are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`, `instance`; a request',
  'that fails validation (400) adds `issues`, each naming the field at fault (`in`, `field`, `message`).',
  'A path that does not exist answers 404, a method the path does not serve 405 with `Allow`.',
].join(' ');

/**
 * A Fastify server for prizedraw's HTTP APIs: zod validation and serialization (fastify-type-provider-zod),
 * strict UTF-8 JSON bodies, problem+json for every error (validation, 404, 405, 413, 414, 415, 500), the
 * OpenAPI 3.1 document generated from the routes' zod schemas at `GET /openapi.json`, and Swagger UI at
 * `/docs`. Add routes with `addApiRoute`; routes added with plain Fastify calls (health, metrics) work
 * as before and stay out of the document.
 */
export async function createHttpApi(options: HttpApiOptions): Promise<FastifyInstance> {
  const http = Fastify({
    ...options.server,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors the router raises before any route runs (a malformed %-escape, an over-long path parameter)
    // are problems too.
    frameworkErrors: (error: FastifyError, request, reply) =>
      sendProblem(request, reply, routerProblem(error) ?? problemOf(error, request, options.log)),
  });
  const routes = new AllowedMethods();
  http.addHook('onRoute', (route) => routes.add(route.method, route.url));
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  useStrictJsonParser(http);
  useProblemReplies(http, routes, options.log);
  await http.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title,
        version: options.version,
        description: options.description ?? DEFAULT_DESCRIPTION,
      },
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'A prizedraw API token (HS256 JWT with `sub` and `role`): `prizedraw token --role … --subject …`',
          },
        },
      },
    },
    transform: openApiTransform,
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document)),
  });
  await http.register(fastifySwaggerUi, { routePrefix: '/docs' });
  http.get('/openapi.json', { schema: { hide: true } }, async () => http.swagger());
  return http;
}
