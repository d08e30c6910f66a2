import {
  type ApiTokens,
  addApiRoute,
  jsonResponse,
  principalOf,
  problemResponse,
  retryAfterHeader,
} from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shownHeaderValue } from '../dead-letter-headers';
import type { DeadLetter, DeadLetterLog } from '../dead-letter-log';
import {
  deadLetterPageQuerySchema,
  deadLetterParamsSchema,
  deadLetterRecordsSchema,
  deadLettersSchema,
  redriveBodySchema,
} from './console-schemas';
import type { DeadLetterPages } from './dead-letter-pages';
import type { DeadLetterRedrive } from './dead-letter-redrive';

const SHOWN_VALUE_CHARS = 4_096;

/** The dead-letter part of the console's API: counts by reason, the latest records, re-drive (audited). */
export function registerDeadLetterRoutes(
  http: FastifyInstance,
  options: { log: DeadLetterLog; pages: DeadLetterPages; redrive: DeadLetterRedrive; tokens: ApiTokens },
): void {
  const { log, pages, redrive } = options;
  const auth = { tokens: options.tokens, roles: ['operator' as const] };
  const tags = ['console'];

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/dead-letters',
    operationId: 'listConsoleDeadLetters',
    summary: 'Every dead-letter topic of the deployment with its counts by reason',
    tags,
    auth,
    responses: { 200: jsonResponse('the dead-letter topics that hold records', deadLettersSchema) },
    async handler() {
      return { topics: log.summary() };
    },
  });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/dead-letters/:topic/records',
    operationId: 'listConsoleDeadLetterRecords',
    summary:
      'The latest records of a dead-letter topic (those the console keeps), or a page of one partition by offset ' +
      'read from Kafka; newest first, with their headers',
    tags,
    auth,
    request: { params: deadLetterParamsSchema, querystring: deadLetterPageQuerySchema },
    responses: {
      200: jsonResponse('the records', deadLetterRecordsSchema),
      404: problemResponse('not a dead-letter topic of this deployment, or no such partition'),
    },
    async handler(request) {
      const { topic } = request.params;
      const { partition, before, limit } = request.query;
      if (partition === undefined) return { topic, page: null, records: log.latest(topic).map(shown) };
      const { records, ...page } = await pages.page(
        topic,
        partition,
        before === undefined ? undefined : BigInt(before),
        limit,
      );
      return { topic, page, records: records.map(shown) };
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/console/dead-letters/:topic/redrive',
    operationId: 'redriveConsoleDeadLetters',
    summary: 'Send records back to the topic they came from, as they were; audited',
    tags,
    auth,
    request: { params: deadLetterParamsSchema, body: redriveBodySchema },
    responses: {
      202: jsonResponse(
        'sent back, in the order given',
        z.object({
          redriven: z.array(z.object({ partition: z.int(), offset: z.string(), topic: z.string() })),
        }),
      ),
      404: problemResponse('the topic has no such record (nothing after it was sent)'),
      409: problemResponse("a record's origin is not a topic of this deployment (nothing after it was sent)"),
      503: problemResponse('Kafka is unavailable (nothing after that record was sent), retry later', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler(request, reply) {
      const { subject } = principalOf(request);
      const redriven = [];
      for (const { partition, offset } of request.body.records) {
        const topic = await redrive.redrive(request.params.topic, partition, offset, subject);
        redriven.push({ partition, offset, topic });
      }
      return reply.code(202).send({ redriven });
    },
  });
}

function shown(record: DeadLetter) {
  return {
    partition: record.partition,
    offset: record.offset,
    key: record.key?.toString('utf8') ?? null,
    value: record.value?.toString('utf8').slice(0, SHOWN_VALUE_CHARS) ?? null,
    headers: Object.fromEntries(
      Object.entries(record.headers).map(([name, values]) => [name, values.map(shownHeaderValue)]),
    ),
    reason: record.reason,
    originTopic: record.originTopic ?? null,
  };
}
