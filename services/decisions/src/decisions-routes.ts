import { type ApiTokens, addApiRoute, jsonResponse } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decide } from './decide';
import { cloudEventBodySchema, decisionResponseSchema, HAS_DECISION_HEADER } from './decision-schemas';
import type { DecisionsMetrics } from './decisions-metrics';
import type { Rule } from './rules';

/** What {@link registerDecisionsRoutes} needs. */
export interface DecisionsRoutesOptions {
  readonly rules: readonly Rule[];
  readonly tokens: ApiTokens;
  readonly metrics?: DecisionsMetrics;
}

/** `POST /v1/decisions` (role operator: the services that call it hold operator tokens). */
export function registerDecisionsRoutes(http: FastifyInstance, options: DecisionsRoutesOptions): void {
  const { rules, tokens, metrics } = options;
  addApiRoute(http, {
    method: 'POST',
    url: '/v1/decisions',
    operationId: 'decide',
    summary: 'Decide whether, and how, a customer is told about an event',
    tags: ['decisions'],
    auth: { tokens, roles: ['operator'] },
    request: { body: cloudEventBodySchema },
    responses: {
      200: jsonResponse('a decision, or NO_DECISION', decisionResponseSchema, {
        [HAS_DECISION_HEADER]: {
          description: 'true for a decision, false for NO_DECISION: route without reading the body',
          schema: z.enum(['true', 'false']),
        },
      }),
    },
    async handler(request, reply) {
      const { id, type, time, data } = request.body;
      const answer = decide({ id, type, time, data }, rules);
      metrics?.decisions.inc({
        event_type: type,
        outcome: answer.status === 'DECISION' ? answer.rule : 'NO_DECISION',
      });
      return reply
        .code(200)
        .header(HAS_DECISION_HEADER, answer.status === 'DECISION' ? 'true' : 'false')
        .send(answer);
    },
  });
}
