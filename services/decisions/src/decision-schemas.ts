import { DELIVERY_PREFERENCES, eventSchemas, isEventType, MESSAGE_TYPES } from '@prizedraw/events';
import { z } from 'zod';

/**
 * The request body: a CloudEvent in structured JSON (CloudEvents 1.0 JSON format). Data of a prizedraw event
 * type is validated with that type's schema, so a bad field is named (`data.outcome`); data of other types is
 * taken as it is (no rule matches a type the rules do not name).
 */
export const cloudEventBodySchema = z
  .object({
    specversion: z.literal('1.0', { error: 'Expected CloudEvents specversion "1.0"' }),
    id: z.string().min(1, 'Expected a non-empty event id'),
    source: z.string().min(1, 'Expected a non-empty source'),
    type: z.string().min(1, 'Expected the event type, e.g. prizedraw.draw-result.v1'),
    time: z.iso.datetime({ offset: true, error: 'Expected an ISO-8601 date-time with offset' }),
    subject: z.string().optional(),
    datacontenttype: z.string().optional(),
    data: z.unknown(),
  })
  .superRefine((event, ctx) => {
    if (!isEventType(event.type)) return;
    const result = eventSchemas[event.type].safeParse(event.data);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['data', ...issue.path], message: issue.message });
    }
  })
  .meta({ id: 'CloudEvent' })
  .describe('A CloudEvent in structured JSON mode; its data is validated when its type is a prizedraw type.');

/** The answer: a decision, or NO_DECISION. */
export const decisionResponseSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('DECISION'),
      eventId: z.string().describe('The id of the event decided.'),
      rule: z.string().describe('The rule that matched.'),
      messageType: z.enum(MESSAGE_TYPES),
      deliveryPreference: z
        .enum(DELIVERY_PREFERENCES)
        .optional()
        .describe('How to show it; absent when the rule gives none (the message is then dropped).'),
      template: z.string().describe('The template to render.'),
      expiresAt: z.iso.datetime().describe('Not worth showing after this instant.'),
    }),
    z.object({ status: z.literal('NO_DECISION'), eventId: z.string() }),
  ])
  .meta({ id: 'Decision' })
  .describe('What to tell the customer about the event, or NO_DECISION.');

/**
 * Most events one batch request carries: a request's work stays bounded, and its body (CloudEvents of a few
 * hundred bytes) far below the server's 1 MiB body limit.
 */
const MAX_BATCH_EVENTS = 1000;

/** The batch request body: events decided in one request. */
export const decisionBatchRequestSchema = z
  .object({
    events: z
      .array(cloudEventBodySchema)
      .min(1, 'Expected at least one event')
      .max(MAX_BATCH_EVENTS, `Expected at most ${MAX_BATCH_EVENTS} events`),
  })
  .meta({ id: 'DecisionBatchRequest' })
  .describe('Events to decide in one request (CloudEvents in structured JSON mode).');

/** The batch answer: one decision or NO_DECISION per event, in the order of the request. */
export const decisionBatchResponseSchema = z
  .object({ decisions: z.array(decisionResponseSchema) })
  .meta({ id: 'DecisionBatch' })
  .describe('One answer per event of the request, in its order.');

/** The `has-decision` response header: `true` for a decision, so callers route without parsing the body. */
export const HAS_DECISION_HEADER = 'has-decision';
