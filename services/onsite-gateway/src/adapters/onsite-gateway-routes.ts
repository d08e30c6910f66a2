import { customerMessageSchema } from '@prizedraw/events';
import {
  type ApiTokens,
  addApiRoute,
  HttpProblem,
  jsonResponse,
  problemResponse,
  problemType,
  validationProblem,
  wwwAuthenticateHeader,
} from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { OnsiteGatewayMetrics } from '../onsite-gateway-metrics';
import type { SessionHub } from '../session-hub';
import { streamPrincipal } from './stream-principal';

/** What the routes need. */
export interface OnsiteGatewayRoutesOptions {
  readonly hub: SessionHub;
  readonly tokens: ApiTokens;
  readonly metrics: OnsiteGatewayMetrics;
  /** Called when a session opens (produces the customer-online event). */
  readonly onSessionOpened: (customerId: string) => void;
}

const TAGS = ['onsite-gateway'];
const customerParamsSchema = z.object({
  customerId: z.string().min(1).max(100).describe('The customer (account id).'),
});
const deliveredSchema = z
  .object({ sessions: z.int().positive().describe('How many open sessions the message was written to.') })
  .meta({ id: 'Delivered' });
/** Most messages one batch delivery carries (messages of a few hundred bytes: far below the 1 MiB body limit). */
const MAX_BATCH_MESSAGES = 1000;
const deliveryBatchSchema = z
  .object({
    messages: z
      .array(customerMessageSchema)
      .min(1, 'Expected at least one message')
      .max(MAX_BATCH_MESSAGES, `Expected at most ${MAX_BATCH_MESSAGES} messages`),
  })
  .meta({ id: 'DeliveryBatch' });
const deliveryOutcomesSchema = z
  .object({
    outcomes: z
      .array(
        z.object({
          messageId: z.string(),
          outcome: z
            .enum(['delivered', 'not-online'])
            .describe('delivered: written to at least one open session; not-online: queue the message.'),
          sessions: z.int().nonnegative().describe('How many open sessions the message was written to.'),
        }),
      )
      .describe('One outcome per message, in the order of the request.'),
  })
  .meta({ id: 'DeliveryOutcomes' });
const streamQuerySchema = z.object({
  access_token: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The customer's bearer token, for clients that cannot send headers (EventSource). Prefer the " +
        'Authorization header where the client can send it: a URL may be written to access logs.',
    ),
});

// The messageId is the event's id line: a line break would end it and let the rest forge fields.
function messageIdIssues(messageId: string, field: string) {
  return /[\r\n\0]/.test(messageId)
    ? [{ in: 'body' as const, field, message: 'Expected no line breaks or NUL' }]
    : [];
}

/**
 * The gateway's API: `POST /v1/customers/{customerId}/messages` (a service delivers a message: 200 when
 * written to at least one open session, 404 when the customer has none), `POST /v1/deliveries` (many
 * messages at once, an outcome for each) and `GET /v1/customers/{customerId}/stream` (the customer's browser
 * opens its Server-Sent Events stream).
 */
export function registerOnsiteGatewayRoutes(
  http: FastifyInstance,
  options: OnsiteGatewayRoutesOptions,
): void {
  const { hub, tokens, metrics } = options;

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/customers/:customerId/messages',
    operationId: 'deliverMessage',
    summary: "Show a message on the customer's open sessions now",
    description:
      'Writes the message to every open session of the customer. 200 when at least one session had it; 404 ' +
      'when the customer has none (the caller queues it). Repeating a messageId is harmless: the page shows ' +
      'a message id once. Callers are services, with a token of role operator.',
    tags: TAGS,
    auth: { tokens, roles: ['operator'] },
    request: { params: customerParamsSchema, body: customerMessageSchema },
    responses: {
      200: jsonResponse('written to at least one open session', deliveredSchema),
      404: problemResponse('the customer has no open session: queue the message'),
    },
    async handler(request) {
      const message = request.body;
      const issues = [
        ...(message.customerId === request.params.customerId
          ? []
          : [{ in: 'body' as const, field: 'customerId', message: 'Expected the customerId of the path' }]),
        ...messageIdIssues(message.messageId, 'messageId'),
      ];
      if (issues.length > 0) throw validationProblem(issues);
      const sessions = hub.deliver(message);
      if (sessions === 0) {
        metrics.messages.inc({ outcome: 'offline' });
        throw new HttpProblem({
          status: 404,
          type: problemType('customer-offline'),
          detail: `customer ${message.customerId} has no open session`,
        });
      }
      metrics.messages.inc({ outcome: 'delivered' });
      return { sessions };
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/deliveries',
    operationId: 'deliverMessages',
    summary: "Show many messages on their customers' open sessions now",
    description:
      'As POST /v1/customers/{customerId}/messages for each message, in the order given, answering an outcome ' +
      'per message instead of 200 or 404: delivered, or not-online (the caller queues it). For callers with ' +
      'many messages at once; an invalid message refuses the whole request (400 naming it, e.g. ' +
      'messages.3.messageId) before any is shown.',
    tags: TAGS,
    auth: { tokens, roles: ['operator'] },
    request: { body: deliveryBatchSchema },
    responses: { 200: jsonResponse('an outcome per message', deliveryOutcomesSchema) },
    async handler(request) {
      const { messages } = request.body;
      const issues = messages.flatMap((message, i) =>
        messageIdIssues(message.messageId, `messages.${i}.messageId`),
      );
      if (issues.length > 0) throw validationProblem(issues);
      return {
        outcomes: messages.map((message) => {
          const sessions = hub.deliver(message);
          const outcome = sessions === 0 ? 'not-online' : 'delivered';
          metrics.messages.inc({ outcome: sessions === 0 ? 'offline' : 'delivered' });
          return { messageId: message.messageId, outcome, sessions };
        }),
      };
    },
  });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/customers/:customerId/stream',
    operationId: 'openMessageStream',
    summary: "The customer's live message stream (Server-Sent Events)",
    description:
      "Opened by the customer's browser with a token of role customer whose subject is customerId, in the " +
      'Authorization header or, for EventSource, the access_token query parameter. Each message is an event ' +
      '`message` whose id is the messageId and whose data is the message JSON; comment lines keep the ' +
      'connection open. Opening a stream announces the customer online (prizedraw.customer-online.v1), ' +
      'which redelivers their queued messages.',
    tags: TAGS,
    request: { params: customerParamsSchema, querystring: streamQuerySchema },
    responses: {
      200: {
        description: 'the event stream, open until the client leaves',
        schema: z.string(),
        mediaType: 'text/event-stream',
      },
      401: problemResponse('no token, or one that is invalid or expired', {
        headers: { 'www-authenticate': wwwAuthenticateHeader },
      }),
      403: problemResponse("the token is not this customer's"),
    },
    async handler(request, reply) {
      const { customerId } = request.params;
      const principal = streamPrincipal(tokens, request.headers.authorization, request.query.access_token);
      if (principal.role !== 'customer' || principal.subject !== customerId) {
        throw new HttpProblem({
          status: 403,
          type: problemType('not-yourself'),
          detail: 'a customer opens only their own stream: the token must be of role customer for customerId',
        });
      }
      // The stream is written by the hub from now on, outside Fastify's reply cycle.
      reply.hijack();
      hub.attach(customerId, reply.raw);
      metrics.sessionsOpened.inc();
      options.onSessionOpened(customerId);
    },
  });
}
