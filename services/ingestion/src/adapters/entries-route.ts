import { EVENT_TYPES, entrySchema } from '@prizedraw/events';
import type { EventProducer } from '@prizedraw/service';
import type { FastifyInstance } from 'fastify';
import { normalizeEmail } from '../processors/normalize-activity';

/**
 * `POST /v1/entries`: a contest entry from a landing page (`prizedraw.entry.v1` fields: entryId, utmContent,
 * email, and optionally firstName, lastName, phone, site, accountId). 400 naming every field at fault; 202
 * once the entry is durably in Kafka (acks=all). The entry id is the idempotency key: posting it again is
 * accepted and dedupe counts it once.
 */
export function registerEntriesRoute(http: FastifyInstance, producer: EventProducer, topic: string): void {
  http.post('/v1/entries', async (request, reply) => {
    const parsed = entrySchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || '(body)',
        message: issue.message,
      }));
      const fields = [...new Set(issues.map((issue) => issue.field))].join(', ');
      return reply.code(400).send({ error: `invalid entry: ${fields}`, issues });
    }
    const entry = parsed.data;
    await producer.send(topic, [
      {
        type: EVENT_TYPES.entry,
        key: entry.accountId ?? normalizeEmail(entry.email),
        data: entry,
        id: `http:${entry.entryId}`,
      },
    ]);
    return reply.code(202).send({ entryId: entry.entryId });
  });
}
