import { EVENT_TYPES, entrySchema } from '@prizedraw/events';
import { type EventProducer, KafkaUnavailableError } from '@prizedraw/service';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { normalizeEmail } from '../processors/normalize-activity';

interface Issue {
  field: string;
  message: string;
}

// Fastify's JSON parser decodes the body leniently: bytes that are not UTF-8 become U+FFFD, so two entry ids
// differing only there would become one idempotency key. The route reads the bytes itself, strictly.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
// With the u flag a lone surrogate is a code point of category Cs; a paired one is not.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATE_ISSUE = 'a string holds a lone surrogate (\\ud800-\\udfff without its pair)';

class LoneSurrogate extends Error {}

/**
 * A JSON string may escape a lone surrogate (`"\ud800"`): valid UTF-8 bytes, but a string no UTF-8 can
 * carry, so the record key and the CloudEvent id would turn it into U+FFFD just the same.
 */
function rejectLoneSurrogates(key: string, value: unknown): unknown {
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
    throw new LoneSurrogate();
  }
  return value;
}

/** The body's JSON value, or the one issue that makes it unreadable. */
function readJsonBody(body: unknown): { value: unknown } | { issue: string } {
  // No body, or one of a type parsed elsewhere (text/plain): the schema names what is missing.
  if (!Buffer.isBuffer(body)) return { value: body ?? {} };
  let text: string;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    return { issue: 'the body is not valid UTF-8 (RFC 8259: JSON is UTF-8)' };
  }
  try {
    return { value: JSON.parse(text, rejectLoneSurrogates) };
  } catch (error) {
    return { issue: error instanceof LoneSurrogate ? LONE_SURROGATE_ISSUE : 'the body is not JSON' };
  }
}

function badRequest(reply: FastifyReply, error: string, issues: readonly Issue[]): FastifyReply {
  return reply.code(400).send({ error: `invalid entry: ${error}`, issues });
}

/**
 * `POST /v1/entries`: a contest entry from a landing page (`prizedraw.entry.v1` fields: entryId, utmContent,
 * email, and optionally firstName, lastName, phone, site, accountId). 400 naming every field at fault, or the
 * body's problem (not valid UTF-8, a lone surrogate, not JSON) as field `(body)`; 202 once the entry is
 * durably in Kafka (acks=all). The entry id is the idempotency key: posting it again is accepted and dedupe
 * counts it once.
 */
export function registerEntriesRoute(http: FastifyInstance, producer: EventProducer, topic: string): void {
  // A plugin scope of its own, so that its JSON parser (the bytes as they came) serves this route only.
  void http.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    scope.post('/v1/entries', async (request, reply) => {
      const body = readJsonBody(request.body);
      if ('issue' in body) return badRequest(reply, body.issue, [{ field: '(body)', message: body.issue }]);
      const parsed = entrySchema.safeParse(body.value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(body)',
          message: issue.message,
        }));
        return badRequest(reply, [...new Set(issues.map((issue) => issue.field))].join(', '), issues);
      }
      const entry = parsed.data;
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
        return reply
          .code(503)
          .header('retry-after', String(sent.retryAfterSeconds))
          .send({ error: 'entries cannot be taken now: Kafka is unavailable; retry later' });
      }
      if (sent !== undefined) throw sent;
      return reply.code(202).send({ entryId: entry.entryId });
    });
  });
}
