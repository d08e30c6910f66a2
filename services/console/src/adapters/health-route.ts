import { type ApiTokens, addApiRoute, jsonResponse } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import type { LagHistory } from '../lag-history';
import type { PipelineTimings } from '../pipeline-timings';
import { healthSchema } from './console-schemas';

/** `GET /v1/console/health`: the consumer lag of every stream application of the deployment, with history. */
export function registerHealthRoute(
  http: FastifyInstance,
  options: { history: LagHistory; timings: PipelineTimings; tokens: ApiTokens },
): void {
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/health',
    operationId: 'getConsoleHealth',
    summary:
      "Consumer lag of the deployment's stream applications; throughput and latency of the topics the console reads",
    tags: ['console'],
    auth: { tokens: options.tokens, roles: ['operator'] },
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
}
