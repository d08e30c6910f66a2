import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addApiRoute } from './add-api-route';
import { jsonResponse, problemResponse, retryAfterHeader } from './api-responses';
import { createHttpApi } from './create-http-api';
import { HttpProblem, problemType } from './problem';
import { BODY_ISSUES } from './strict-json-parser';

// A small API on a real socket: what createHttpApi and addApiRoute answer, and that the document they
// generate names every answer the requests below got.

const logged: unknown[] = [];
let http: FastifyInstance;
let url: string;
const seen: { method: string; path: string; status: number; type: string | null }[] = [];

beforeAll(async () => {
  http = await createHttpApi({
    title: 'test',
    version: '1.0.0',
    log: { error: (details) => logged.push(details) },
  });
  http.get('/health/live', async () => ({ status: 'live' }));
  addApiRoute(http, {
    method: 'POST',
    url: '/v1/things/:thingId',
    operationId: 'putThing',
    summary: 'puts a thing',
    request: {
      params: z.object({
        thingId: z
          .string()
          .regex(/^[a-z]+$/)
          .max(100),
      }),
      body: z.object({
        name: z.string().min(1),
        tags: z.array(z.string().max(3)).optional(),
        contact: z.email().optional(),
      }),
    },
    responses: {
      202: jsonResponse('accepted', z.object({ thingId: z.string() })),
      503: problemResponse('retry later', {
        extensions: { partition: z.int() },
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler(request, reply) {
      const { name } = request.body;
      if (name === 'boom') throw new Error('connection string mysql://root:secret@db');
      if (name === 'liar') return reply.code(202).send({ thingId: 42 });
      if (name === 'busy') {
        throw new HttpProblem({
          status: 503,
          type: problemType('busy'),
          detail: 'busy',
          extensions: { partition: 3 },
          headers: { 'retry-after': '5' },
        });
      }
      return reply.code(202).send({ thingId: request.params.thingId });
    },
  });
  url = await http.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(() => http?.close());

async function ask(method: string, path: string, body?: string | Buffer, type = 'application/json') {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body,
  });
  const text = await response.text();
  seen.push({ method, path, status: response.status, type: response.headers.get('content-type') });
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

const post = (body: string | Buffer, type?: string) => ask('POST', '/v1/things/abc', body, type);

describe('createHttpApi', () => {
  it('when the request is valid, then the handler answers with its declared response', async () => {
    expect(await post('{"name":"lamp"}')).toMatchObject({ status: 202, body: { thingId: 'abc' } });
  });

  it('when a string escapes whole characters (a surrogate pair too), then the body is read', async () => {
    expect(await post('{"name":"gift \\ud83c\\udf81 \\u00e9"}')).toMatchObject({ status: 202 });
  });

  it('when fields are invalid, then 400 problem+json names each field and where it is', async () => {
    const answer = await post('{"name":"","tags":["ok","long"]}');

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toEqual({
      type: 'tag:prizedraw,2026:problem:validation',
      title: 'Invalid request',
      status: 400,
      detail: 'invalid request: name, tags.1',
      instance: '/v1/things/abc',
      issues: [
        { in: 'body', field: 'name', message: expect.any(String) },
        { in: 'body', field: 'tags.1', message: expect.any(String) },
      ],
    });
  });

  it('when a path parameter is invalid, then 400 names it in the path', async () => {
    const answer = await ask('POST', '/v1/things/ABC', '{"name":"lamp"}');

    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ in: 'path', field: 'thingId', message: expect.any(String) }]);
  });

  it.each([
    [
      'not UTF-8',
      Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      BODY_ISSUES.notUtf8,
    ],
    ['a lone surrogate', '{"name":"\\ud800"}', BODY_ISSUES.loneSurrogate],
    ['not JSON', '{"name":', BODY_ISSUES.notJson],
    ['empty', '', BODY_ISSUES.notJson],
    ['a __proto__ key', '{"name":"x","__proto__":{"admin":true}}', BODY_ISSUES.protoKey],
    ['a __proto__ key spelt with escapes', '{"name":"x","\\u005f_proto__":{}}', BODY_ISSUES.protoKey],
    ['a key holding a lone surrogate', '{"name":"x","\\udc00":1}', BODY_ISSUES.loneSurrogate],
  ])('when the body is %s, then 400 names (body) and why', async (_, body, message) => {
    const answer = await post(body);

    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ in: 'body', field: '(body)', message }]);
  });

  it('when there is no body, then 400 names (body)', async () => {
    const answer = await ask('POST', '/v1/things/abc');

    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ in: 'body', field: '(body)', message: expect.any(String) }]);
  });

  it('when the body is not JSON by its media type, then 415', async () => {
    const answer = await post('name=lamp', 'application/x-www-form-urlencoded');

    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ type: 'about:blank', title: 'Unsupported Media Type', status: 415 });
  });

  it('when the body is over the limit, then 413', async () => {
    const answer = await post(JSON.stringify({ name: 'x'.repeat(1_048_576) }));

    expect(answer).toMatchObject({ status: 413, body: { title: 'Payload Too Large' } });
  });

  it("when a path parameter is over its schema's length, then 400 names it", async () => {
    const answer = await ask('POST', `/v1/things/${'a'.repeat(101)}`, '{"name":"lamp"}');

    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ in: 'path', field: 'thingId', message: expect.any(String) }]);
  });

  it('when the path holds a malformed %-escape, then 400 names the path', async () => {
    const answer = await ask('POST', '/v1/things/%E0%A4%A', '{"name":"lamp"}');

    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ in: 'path', field: '(path)', message: expect.any(String) }]);
  });

  it('when the path exists under another method, then 405 with Allow; HEAD too', async () => {
    const get = await ask('GET', '/v1/things/abc');
    const head = await ask('HEAD', '/v1/things/abc');

    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.body).toMatchObject({ title: 'Method Not Allowed', instance: '/v1/things/abc' });
    expect(head.status).toBe(405);
  });

  it('when a method that carries a body comes without Content-Type to a path of other methods, then 405, not 400', async () => {
    // Fastify reads the body of a request no route matched too, and QUERY without Content-Type failed there.
    const query = await ask('QUERY', '/v1/things/abc');
    const put = await ask('PUT', '/v1/nothing');

    expect([query.status, query.headers.get('allow')]).toEqual([405, 'POST']);
    expect(put.status).toBe(404);
  });

  it('when the path does not exist, then 404 problem', async () => {
    const answer = await ask('GET', '/v1/nothing?x=1');

    expect(answer).toMatchObject({ status: 404, body: { title: 'Not Found', instance: '/v1/nothing' } });
  });

  it('when a handler throws, then 500 says nothing of it and the error is logged', async () => {
    logged.length = 0;
    const answer = await post('{"name":"boom"}');

    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('secret');
    expect(logged).toEqual([expect.objectContaining({ err: expect.any(Error), url: '/v1/things/abc' })]);
  });

  it('when a handler sends what its schema does not allow, then 500: the document cannot be contradicted', async () => {
    expect((await post('{"name":"liar"}')).status).toBe(500);
  });

  it('when a handler throws an HttpProblem, then its status, extensions and headers are sent', async () => {
    const answer = await post('{"name":"busy"}');

    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.body).toEqual({
      type: 'tag:prizedraw,2026:problem:busy',
      title: 'Service Unavailable',
      status: 503,
      detail: 'busy',
      instance: '/v1/things/abc',
      partition: 3,
    });
  });

  it('when a route is a plain Fastify one (health), then it answers as before and is not in the document', async () => {
    expect(await ask('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    const document = (await ask('GET', '/openapi.json')).body;
    expect(Object.keys(document.paths)).toEqual(['/v1/things/{thingId}']);
  });

  it('when /docs is asked, then Swagger UI answers', async () => {
    const response = await fetch(`${url}/docs/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Swagger UI');
  });

  it('when the document is read, then it names every status and media type the operation answered with', async () => {
    const document = (await ask('GET', '/openapi.json')).body;
    const post = document.paths['/v1/things/{thingId}'].post;
    const responses = post.responses;
    expect(document.openapi).toBe('3.1.0');
    expect(responses['503'].headers['retry-after'].schema).toEqual({ type: 'string', pattern: '^\\d+$' });
    // The pattern is what the server checks an email with; format email (RFC 5321) would claim more.
    const contact = post.requestBody.content['application/json'].schema.properties.contact;
    expect(contact).toEqual({ type: 'string', pattern: expect.any(String) });

    const answered = seen.filter((s) => s.method === 'POST' && s.path.startsWith('/v1/things/'));
    for (const { status, type } of answered) {
      const mediaType = type?.split(';')[0] ?? '';
      expect({ status, documented: Object.keys(responses[String(status)]?.content ?? {}) }).toEqual({
        status,
        documented: [mediaType],
      });
    }
    expect(new Set(answered.map((a) => a.status))).toEqual(new Set([202, 400, 413, 415, 500, 503]));
  });
});
