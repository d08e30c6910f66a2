import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AllowedMethods } from './allowed-methods';
import { openApiTransform, withoutUnusedSchemas } from './openapi-transform';
import { type HttpProblem, validationProblem } from './problem';
import { type ErrorLog, problemOf, sendProblem, useProblemReplies } from './problem-replies';
import { useStrictJsonParser } from './strict-json-parser';

/**
 * The router's limit on a path parameter's length: Node refuses a request line that long first (16 KiB of
 * headers), so the router refuses none. Fastify's default, 100, answered 414 to ids no schema said were too
 * long; routes give their parameters a `.max()` instead, and a longer one gets a 400 naming it.
 */
export const MAX_PARAM_LENGTH = 16_384;

/** The name of the bearer security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearerAuth';

/** A malformed %-escape in the path, refused by the router before any route ran: the path is the field. */
function badUrlProblem(error: FastifyError): HttpProblem | undefined {
  if (error.code !== 'FST_ERR_BAD_URL') return undefined;
  return validationProblem([{ in: 'path', field: '(path)', message: 'the path holds a malformed %-escape' }]);
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
 * strict UTF-8 JSON bodies, problem+json for every error (validation, 404, 405, 413, 415, 500), the
 * OpenAPI 3.1 document generated from the routes' zod schemas at `GET /openapi.json`, and Swagger UI at
 * `/docs`. Add routes with `addApiRoute`; routes added with plain Fastify calls (health, metrics) work
 * as before and stay out of the document.
 */
export async function createHttpApi(options: HttpApiOptions): Promise<FastifyInstance> {
  const http = Fastify({
    ...options.server,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors the router raises before any route runs (a malformed %-escape) are problems too.
    frameworkErrors: (error: FastifyError, request, reply) =>
      sendProblem(request, reply, badUrlProblem(error) ?? problemOf(error, request, options.log)),
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
