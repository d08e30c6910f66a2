import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The route schema key that carries response headers to the document (Fastify itself ignores it). */
export const RESPONSE_HEADERS_KEY = 'x-response-headers';

/** A response header as documented: what it means and its zod schema. */
export interface ResponseHeader {
  description: string;
  schema: z.ZodType;
}

/** Per status, the headers a response carries. */
export type ResponseHeaders = Record<string, Record<string, ResponseHeader>>;

/**
 * Turns a route's zod schemas into the OpenAPI document (fastify-type-provider-zod), adding the response
 * headers routes declare. Routes without a schema (health, metrics) stay out of the document: they are not
 * part of the API.
 */
export const openApiTransform: SwaggerTransform<FastifySchema> = (document) => {
  if (document.schema === undefined) return { schema: { hide: true } as FastifySchema, url: document.url };
  const { [RESPONSE_HEADERS_KEY]: headers, ...schema } = document.schema as FastifySchema & {
    [RESPONSE_HEADERS_KEY]?: ResponseHeaders;
  };
  const transformed = jsonSchemaTransform({ ...document, schema }) as {
    schema: FastifySchema & { response?: Record<string, { headers?: unknown }> };
    url: string;
  };
  patternOverFormat(transformed.schema);
  withoutProtoKeys(transformed.schema.body);
  for (const [status, byName] of Object.entries(headers ?? {})) {
    const response = transformed.schema.response?.[status];
    if (response === undefined) continue;
    response.headers = Object.fromEntries(
      Object.entries(byName).map(([name, header]) => {
        const { $schema: _, ...schema } = z.toJSONSchema(header.schema, { target: 'draft-2020-12' });
        return [name, { ...schema, description: header.description }];
      }),
    );
  }
  return transformed;
};

/**
 * zod writes a string format as `format` and the `pattern` it checks it with (`z.email()`: format email and
 * zod's email regex). The two differ (an email's local part over 64 characters matches zod's pattern, not
 * RFC 5321), and clients or schemathesis reading `format` would think the server refuses what it takes: the
 * document keeps the pattern, the check the server makes, and drops the format.
 */
function patternOverFormat(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) patternOverFormat(item);
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  if (typeof node.pattern === 'string' && typeof node.format === 'string') delete node.format;
  for (const child of Object.values(node)) patternOverFormat(child);
}

/**
 * The strict JSON parser refuses a `__proto__` key anywhere in a body (400 naming `(body)`), so every object
 * of a request body says so: without it the document would allow, as an additional property, a key the
 * server refuses (schemathesis found this).
 */
function withoutProtoKeys(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) withoutProtoKeys(item);
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object') node.propertyNames = { not: { const: '__proto__' } };
  for (const child of Object.values(node)) withoutProtoKeys(child);
}

const REFERENCE = /"#\/components\/schemas\/([^"]+)"/g;

/**
 * The document without the component schemas no operation refers to (fastify-type-provider-zod adds an
 * input and an output variant of every registered schema; problems are only ever output).
 */
export function withoutUnusedSchemas<D extends object>(document: D): D {
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  const schemas = components?.schemas;
  if (schemas === undefined) return document;
  const used = new Set<string>();
  let pending = [...JSON.stringify({ ...document, components: {} }).matchAll(REFERENCE)].map(
    (m) => m[1] as string,
  );
  while (pending.length > 0) {
    const fresh = pending.filter((name) => !used.has(name));
    for (const name of fresh) used.add(name);
    pending = fresh.flatMap((name) =>
      [...JSON.stringify(schemas[name] ?? {}).matchAll(REFERENCE)].map((m) => m[1] as string),
    );
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...components, schemas: kept } };
}
