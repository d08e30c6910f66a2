import { ApiTokens, createHttpApi, TokenSecret } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { registerInstantWinRoutes } from '../../src/adapters/instant-win-routes';
import type { InstantWin } from '../../src/instant-win';
import { instantWinMetrics } from '../../src/instant-win-metrics';

/** The instant-win API in this process on a port of its own, and a way to call it with a token. */
export interface InstantWinApi {
  readonly http: FastifyInstance;
  readonly url: string;
  /** Calls `path` as `role`/`subject` (no token when `as` is undefined); the body is sent as JSON. */
  call(
    method: string,
    path: string,
    as?: { role: 'operator' | 'customer'; subject: string },
    body?: unknown,
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
}

/** Serves `instantWin` through the routes on a server made by createHttpApi, as the service does. */
export async function startInstantWinApi(instantWin: InstantWin): Promise<InstantWinApi> {
  const tokens = new ApiTokens(new TokenSecret(Buffer.from('a test secret of at least thirty-two bytes')));
  const http = await createHttpApi({
    title: 'instant-win test',
    version: '0',
    log: { error: () => undefined },
  });
  registerInstantWinRoutes(http, {
    instantWin,
    tokens,
    retryAfterSeconds: 2,
    metrics: instantWinMetrics(new Registry()),
  });
  const url = await http.listen({ host: '127.0.0.1', port: 0 });
  return {
    http,
    url,
    async call(method, path, as, body) {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = `Bearer ${tokens.issue({ ...as, ttlSeconds: 600 })}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? {} : JSON.parse(text),
      };
    },
  };
}
