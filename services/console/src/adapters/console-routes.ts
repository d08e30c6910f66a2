import { drawDefinedSchema } from '@prizedraw/events';
import {
  type ApiTokens,
  addApiRoute,
  HttpProblem,
  jsonResponse,
  principalOf,
  problemResponse,
  problemType,
  retryAfterHeader,
  validationProblem,
} from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DrawBoard } from '../draw-board';
import {
  customerParamsSchema,
  customerSchema,
  drawDetailSchema,
  drawListQuerySchema,
  drawListSchema,
  drawParamsSchema,
  fullVerificationSchema,
  resultsPageSchema,
  resultsQuerySchema,
} from './console-schemas';
import type { CustomerMessagesQuery } from './customer-messages-query';
import type { DrawVerifier } from './draw-verifier';
import type { OperatorActions } from './operator-actions';
import { databaseCall } from './unavailable-problem';
import type { WalletClient } from './wallet-client';

/** What the console's API needs. */
export interface ConsoleRoutesOptions {
  readonly board: DrawBoard;
  readonly tokens: ApiTokens;
  readonly actions: OperatorActions;
  readonly wallet: WalletClient;
  readonly messages: CustomerMessagesQuery;
  readonly verifier: DrawVerifier;
}

const TAGS = ['console'];
const unavailable = problemResponse('Kafka is unavailable: nothing was done, retry later', {
  headers: { 'retry-after': retryAfterHeader },
});

/** The console's JSON API under `/v1/console`: every route needs a token of role operator. */
export function registerConsoleRoutes(http: FastifyInstance, options: ConsoleRoutesOptions): void {
  const { board, actions, wallet, messages, verifier } = options;
  const auth = { tokens: options.tokens, roles: ['operator' as const] };
  const noSuchDraw = (drawId: string) =>
    new HttpProblem({
      status: 404,
      type: problemType('no-such-draw'),
      detail: `no draw ${drawId} is defined`,
    });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/draws',
    operationId: 'listConsoleDraws',
    summary: 'The defined draws with their state and live counts, a page at a time, latest closing first',
    tags: TAGS,
    auth,
    request: { querystring: drawListQuerySchema },
    responses: { 200: jsonResponse('a page of the draws', drawListSchema) },
    async handler(request) {
      const { limit, after } = request.query;
      const page = board.list(Date.now(), { limit, after });
      if (page === undefined)
        throw validationProblem([{ in: 'query', field: 'after', message: `No draw ${after} is defined` }]);
      return page;
    },
  });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/draws/:drawId',
    operationId: 'getConsoleDraw',
    summary: 'One draw: state, counts, winners by prize, completion',
    tags: TAGS,
    auth,
    request: { params: drawParamsSchema },
    responses: {
      200: jsonResponse('the draw', drawDetailSchema),
      404: problemResponse('no such draw is defined'),
    },
    async handler(request) {
      const detail = board.detail(request.params.drawId, Date.now());
      if (!detail) throw noSuchDraw(request.params.drawId);
      return detail;
    },
  });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/draws/:drawId/results',
    operationId: 'listConsoleResults',
    summary: "A page of a draw's results in rank order, or one account's result",
    tags: TAGS,
    auth,
    request: { params: drawParamsSchema, querystring: resultsQuerySchema },
    responses: { 200: jsonResponse('the page', resultsPageSchema) },
    async handler(request) {
      return board.results(request.params.drawId, request.query);
    },
  });

  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/customers/:accountId',
    operationId: 'getConsoleCustomer',
    summary:
      "A customer's tickets and results in each draw the console knows of, and their messages (queued, or delivered at once)",
    tags: TAGS,
    auth,
    request: { params: customerParamsSchema },
    responses: {
      200: jsonResponse('the customer', customerSchema),
      503: problemResponse('the message queue database cannot be reached', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler(request) {
      const { accountId } = request.params;
      const now = Date.now();
      const draws = board.customer(accountId, now);
      return {
        accountId,
        messages: await databaseCall(() => messages.of(accountId, now)),
        draws: await Promise.all(
          draws.map(async (draw) => ({
            ...draw,
            bestTicket:
              draw.result?.ticket ??
              (draw.state === 'completed'
                ? null
                : (await wallet.liveCount(draw.drawId, accountId))?.bestTicket) ??
              null,
          })),
        ),
      };
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/console/draws',
    operationId: 'defineConsoleDraw',
    summary: 'Define (or redefine) a draw, as `prizedraw draws define` does; audited',
    tags: TAGS,
    auth,
    request: { body: drawDefinedSchema },
    responses: {
      202: jsonResponse(
        'written to the definitions topic',
        z.object({ drawId: z.string(), seedCommitment: z.string().nullable() }),
      ),
      409: problemResponse("the body's seedCommitment is not the commitment of the draw's seed in SEED_DIR"),
      503: unavailable,
    },
    async handler(request, reply) {
      const draw = await actions.define(request.body, principalOf(request).subject);
      return reply.code(202).send({ drawId: draw.drawId, seedCommitment: draw.seedCommitment ?? null });
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/console/draws/:drawId/trigger',
    operationId: 'triggerConsoleDraw',
    summary: 'Trigger a draw now (twice draws once); audited',
    tags: TAGS,
    auth,
    request: { params: drawParamsSchema },
    responses: {
      202: jsonResponse('written to the triggers topic', z.object({ drawId: z.string() })),
      404: problemResponse('no such draw is defined'),
      503: unavailable,
    },
    async handler(request, reply) {
      const { drawId } = request.params;
      if (!board.detail(drawId, Date.now())) throw noSuchDraw(drawId);
      await actions.trigger(drawId, principalOf(request).subject);
      return reply.code(202).send({ drawId });
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/console/draws/:drawId/verify',
    operationId: 'verifyConsoleDraw',
    summary: 'Run `prizedraw verify` on a completed draw; its outcome comes with the draw (live)',
    tags: TAGS,
    auth,
    request: { params: drawParamsSchema },
    responses: {
      202: jsonResponse('started, or already running', fullVerificationSchema),
      404: problemResponse('no such draw is defined'),
      409: problemResponse('the draw has no record yet: nothing to verify'),
    },
    async handler(request, reply) {
      const { drawId } = request.params;
      const detail = board.detail(drawId, Date.now());
      if (!detail) throw noSuchDraw(drawId);
      if (!detail.verification)
        throw new HttpProblem({
          status: 409,
          type: problemType('no-draw-record'),
          detail: `draw ${drawId} has no record on the records topic yet`,
        });
      return reply.code(202).send(verifier.start(drawId));
    },
  });
}
