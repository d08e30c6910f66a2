import { type ApiTokens, addApiRoute, jsonResponse } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import type { LagHistory } from '../lag-history';
import type { PipelineTimings } from '../pipeline-timings';
import { ownUrlOf } from '../readiness';
import { healthSchema, serviceReadinessSchema } from './console-schemas';
import type { ServiceReadiness } from './service-readiness';

/**
 * `GET /v1/console/health`: the consumer lag of every stream application of the deployment, with history;
 * `GET /v1/console/health/services`: each process's own readiness.
 */
export function registerHealthRoutes(
  http: FastifyInstance,
  options: { history: LagHistory; timings: PipelineTimings; readiness: ServiceReadiness; tokens: ApiTokens },
): void {
  const auth = { tokens: options.tokens, roles: ['operator' as const] };
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/health',
    operationId: 'getConsoleHealth',
    summary:
      "Consumer lag of the deployment's stream applications; throughput and latency of the topics the console reads",
    tags: ['console'],
    auth,
    responses: { 200: jsonResponse('the lag', healthSchema) },
    async handler() {
      const now = Date.now();
      return {
        sampledAt: options.history.sampledAt,
        groups: options.history.groups(),
        topics: options.timings.topics(now),
        stages: options.timings.stages(now),
      };
    },
  });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/health/services',
    operationId: 'getConsoleServiceReadiness',
    summary:
      "Each process's /health/ready (CONSOLE_SERVICE_URLS, else the console's own), asked now: ready, not-ready with the applications it names, or unreachable",
    tags: ['console'],
    auth,
    responses: { 200: jsonResponse('their readiness', serviceReadinessSchema) },
    async handler(request) {
      return { services: await options.readiness.check(ownUrlOf(request.socket)) };
    },
  });
}
