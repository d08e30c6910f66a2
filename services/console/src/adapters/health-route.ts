import { type ApiTokens, addApiRoute, jsonResponse } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import type { LagHistory } from '../lag-history';
import { healthSchema } from './console-schemas';

/** `GET /v1/console/health`: the consumer lag of every stream application of the deployment, with history. */
export function registerHealthRoute(
  http: FastifyInstance,
  options: { history: LagHistory; tokens: ApiTokens },
): void {
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/health',
    operationId: 'getConsoleHealth',
    summary: "Consumer lag of the deployment's stream applications, now and over the last samples",
    tags: ['console'],
    auth: { tokens: options.tokens, roles: ['operator'] },
    responses: { 200: jsonResponse('the lag', healthSchema) },
    async handler() {
      return { sampledAt: options.history.sampledAt, groups: options.history.groups() };
    },
  });
}
