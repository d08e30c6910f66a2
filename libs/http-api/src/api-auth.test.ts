import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addApiRoute } from './add-api-route';
import { principalOf } from './api-auth';
import { jsonResponse } from './api-responses';
import { ApiTokens } from './api-tokens';
import { createHttpApi } from './create-http-api';
import { TokenSecret } from './token-secret';

const tokens = new ApiTokens(new TokenSecret(Buffer.alloc(32, 7)));
let http: FastifyInstance;
let url: string;

beforeAll(async () => {
  http = await createHttpApi({ title: 'test', version: '1.0.0', log: { error: () => undefined } });
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/whoami',
    operationId: 'whoAmI',
    summary: 'the caller',
    auth: { tokens, roles: ['operator'] },
    responses: { 200: jsonResponse('the caller', z.object({ role: z.string(), subject: z.string() })) },
    handler: async (request) => principalOf(request),
  });
  url = await http.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(() => http?.close());

async function whoAmI(authorization?: string) {
  const response = await fetch(`${url}/v1/whoami`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('routes with auth', () => {
  it('when the token carries a role the route allows, then the handler sees its subject', async () => {
    const token = tokens.issue({ role: 'operator', subject: 'ops-1' });
    expect(await whoAmI(`Bearer ${token}`)).toMatchObject({
      status: 200,
      body: { role: 'operator', subject: 'ops-1' },
    });
  });

  it('when there is no token, then 401 with a Bearer challenge', async () => {
    expect(await whoAmI()).toMatchObject({
      status: 401,
      challenge: 'Bearer realm="prizedraw"',
      body: { title: 'Unauthorized', detail: 'this operation needs a bearer token' },
    });
  });

  it.each([
    [
      'expired',
      `Bearer ${tokens.issue({ role: 'operator', subject: 'x', ttlSeconds: 60 }, Date.now() - 120_000)}`,
      'the token has expired',
    ],
    [
      'signed with another secret',
      `Bearer ${new ApiTokens(new TokenSecret(Buffer.alloc(32, 8))).issue({ role: 'operator', subject: 'x' })}`,
      'the token signature is invalid',
    ],
    ['not a JWT', 'Bearer abc.def', 'the token is not a JWT'],
  ])('when the token is %s, then 401 invalid_token saying why', async (_, authorization, reason) => {
    const answer = await whoAmI(authorization);

    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe(
      `Bearer realm="prizedraw", error="invalid_token", error_description="${reason}"`,
    );
    expect(answer.body.detail).toBe(reason);
  });

  it('when the header is not a bearer one, then 401 invalid_request', async () => {
    const answer = await whoAmI('Basic dXNlcjpwdw==');

    expect(answer.status).toBe(401);
    expect(answer.challenge).toMatch(/error="invalid_request"/);
  });

  it('when the role is not one the route allows, then 403', async () => {
    const token = tokens.issue({ role: 'customer', subject: 'acct-1' });
    expect(await whoAmI(`Bearer ${token}`)).toMatchObject({
      status: 403,
      body: { detail: "this operation needs the role operator; the token's role is customer" },
    });
  });

  it('when the document is read, then the operation names the bearer scheme, 401 with its header, and 403', async () => {
    const document = JSON.parse(await (await fetch(`${url}/openapi.json`)).text());
    const operation = document.paths['/v1/whoami'].get;

    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(operation.responses['401'].headers['www-authenticate']).toBeDefined();
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '401', '403', '500']);
  });
});
