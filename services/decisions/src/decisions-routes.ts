import { type ApiTokens, addApiRoute, jsonResponse } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Decision, type DecisionInput, decide, type NoDecision } from './decide';
import {
  cloudEventBodySchema,
  decisionBatchRequestSchema,
  decisionBatchResponseSchema,
  decisionResponseSchema,
  HAS_DECISION_HEADER,
} from './decision-schemas';
import type { DecisionsMetrics } from './decisions-metrics';
import type { Rule } from './rules';

/** What {@link registerDecisionsRoutes} needs. */
export interface DecisionsRoutesOptions {
  readonly rules: readonly Rule[];
  readonly tokens: ApiTokens;
  readonly metrics?: DecisionsMetrics;
}

/**
 * `POST /v1/decisions` and, for callers with many events at once, `POST /v1/decisions/batch` (role
 * operator: the services that call them hold operator tokens).
 */
export function registerDecisionsRoutes(http: FastifyInstance, options: DecisionsRoutesOptions): void {
  const { rules, tokens, metrics } = options;
  const decideCounted = ({ id, type, time, data }: DecisionInput): Decision | NoDecision => {
    const answer = decide({ id, type, time, data }, rules);
    metrics?.decisions.inc({
      event_type: type,
      outcome: answer.status === 'DECISION' ? answer.rule : 'NO_DECISION',
    });
    return answer;
  };
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
      const answer = decideCounted(request.body);
      return reply
        .code(200)
        .header(HAS_DECISION_HEADER, answer.status === 'DECISION' ? 'true' : 'false')
        .send(answer);
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/decisions/batch',
    operationId: 'decideBatch',
    summary: 'Decide many events in one request',
    description:
      'The same decision as POST /v1/decisions for each event, answered in the order of the request. One ' +
      'invalid event refuses the whole request (400 naming it, e.g. events.3.type): the caller decides the ' +
      'others alone.',
    tags: ['decisions'],
    auth: { tokens, roles: ['operator'] },
    request: { body: decisionBatchRequestSchema },
    responses: { 200: jsonResponse('one decision or NO_DECISION per event', decisionBatchResponseSchema) },
    async handler(request) {
      return { decisions: request.body.events.map(decideCounted) };
    },
  });
}
