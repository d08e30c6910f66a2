import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** Something whose readiness the health server reports, such as a `KafkaStreams` application. */
export interface HealthCheck {
  readonly name: string;
  isReady(): boolean;
}

export interface HealthServerOptions {
  port: number;
  host?: string;
  registry: Registry;
  checks: readonly HealthCheck[];
}

/**
 * Serves `GET /health/live` (the process answers), `GET /health/ready` (every check ready: 200, else 503
 * with the ones that are not) and `GET /metrics` (Prometheus text format).
 */
export async function startHealthServer(options: HealthServerOptions): Promise<Server> {
  const server = createServer(async (request, response) => {
    const reply = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method !== 'GET') return reply(405, JSON.stringify({ error: 'only GET is served' }));
    switch (request.url) {
      case '/health/live':
        return reply(200, JSON.stringify({ status: 'live' }));
      case '/health/ready': {
        const notReady = options.checks.filter((check) => !check.isReady()).map((check) => check.name);
        return reply(
          notReady.length === 0 ? 200 : 503,
          JSON.stringify({ status: notReady.length === 0 ? 'ready' : 'not-ready', notReady }),
        );
      }
      case '/metrics':
        return reply(200, await options.registry.metrics(), options.registry.contentType);
      default:
        return reply(404, JSON.stringify({ error: `no route ${request.url}` }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  return server;
}
