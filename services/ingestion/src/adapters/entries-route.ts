import { EVENT_TYPES, entrySchema } from '@prizedraw/events';
import {
  addApiRoute,
  HttpProblem,
  jsonResponse,
  problemResponse,
  problemType,
  retryAfterHeader,
} from '@prizedraw/http-api';
import { type EventProducer, KafkaUnavailableError } from '@prizedraw/service';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { normalizeEmail } from '../processors/normalize-activity';

const acceptedSchema = z.object({ entryId: z.string().describe('The entry id, as posted.') });

/**
 * `POST /v1/entries`: a contest entry from a landing page (`prizedraw.entry.v1` fields: entryId, utmContent,
 * email, and optionally firstName, lastName, phone, site, accountId). Public: landing pages post it from the
 * browser, where no secret can be kept (docs/http-apis.md). 400 problem naming every field at fault, or the
 * body's problem (not valid UTF-8, a lone surrogate, not JSON) as field `(body)` (read strictly by
 * @prizedraw/http-api); 202 once the entry is durably in Kafka (acks=all); 503 with Retry-After while Kafka is
 * unavailable. The entry id is the idempotency key: posting it again is accepted and dedupe counts it once.
 * `http` is a server made by `createHttpApi`.
 */
export function registerEntriesRoute(http: FastifyInstance, producer: EventProducer, topic: string): void {
  addApiRoute(http, {
    method: 'POST',
    url: '/v1/entries',
    operationId: 'postEntry',
    summary: 'Enter a contest',
    description:
      'Takes a contest entry from a landing page. The entry id is the idempotency key: posting the same entry ' +
      'again (after a 503 or a lost answer) is accepted and counted once.',
    tags: ['ingestion'],
    request: { body: entrySchema },
    responses: {
      202: jsonResponse('the entry is durably in Kafka (acks=all)', acceptedSchema),
      503: problemResponse('Kafka is unavailable: post the same entry again after Retry-After seconds', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler(request, reply) {
      const entry = request.body;
      const sent = await producer
        .send(topic, [
          {
            type: EVENT_TYPES.entry,
            key: entry.accountId ?? normalizeEmail(entry.email),
            data: entry,
            id: `http:${entry.entryId}`,
          },
        ])
        .catch((error: unknown) => error);
      // Kafka is down or restarting: the client posts the same entry again later (the entry id is the key).
      if (sent instanceof KafkaUnavailableError) {
        throw new HttpProblem({
          status: 503,
          type: problemType('kafka-unavailable'),
          title: 'Kafka is unavailable',
          detail: 'entries cannot be taken now: Kafka is unavailable; retry later',
          headers: { 'retry-after': String(sent.retryAfterSeconds) },
        });
      }
      if (sent !== undefined) throw sent;
      return reply.code(202).send({ entryId: entry.entryId });
    },
  });
}
