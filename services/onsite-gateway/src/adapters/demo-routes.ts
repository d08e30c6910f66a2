import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiTokens } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';

/** Where the demo page lives in the package. */
export const DEMO_DIR = join(__dirname, '..', '..', 'demo');

/** Options of {@link registerDemoRoutes}. */
export interface DemoRoutesOptions {
  readonly tokens: ApiTokens;
  /** Serve `GET /demo/token`, which gives anyone a customer token: local use only. */
  readonly demoTokens: boolean;
}

const DEMO_TOKEN_TTL_S = 3_600;

/**
 * The demo page `GET /demo/customer.html?customer=…` (a customer's view: messages as toasts or full-screen
 * overlays) and, when enabled, `GET /demo/token?customer=…` that hands it a customer token. Plain routes,
 * not in the API document: they are a test and demo aid, not the gateway's API.
 */
export function registerDemoRoutes(http: FastifyInstance, options: DemoRoutesOptions): void {
  const page = readFileSync(join(DEMO_DIR, 'customer.html'), 'utf8');
  http.get('/demo/customer.html', async (_, reply) => reply.type('text/html; charset=utf-8').send(page));
  if (!options.demoTokens) return;
  http.get<{ Querystring: { customer?: string } }>('/demo/token', async (request, reply) => {
    const customer = request.query.customer;
    if (typeof customer !== 'string' || customer.length === 0 || customer.length > 100) {
      return reply.code(400).type('application/problem+json').send({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'customer: expected the customer id (1 to 100 characters)',
      });
    }
    const token = options.tokens.issue({ role: 'customer', subject: customer, ttlSeconds: DEMO_TOKEN_TTL_S });
    return reply.header('cache-control', 'no-store').send({ token, expiresInSeconds: DEMO_TOKEN_TTL_S });
  });
}
