import {
  type ApiRequest,
  type ApiRequestSchemas,
  type ApiTokens,
  addApiRoute,
  HttpProblem,
  jsonResponse,
  principalOf,
  problemResponse,
  problemType,
  retryAfterHeader,
} from '@prizedraw/http-api';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  campaignParamsSchema,
  campaignViewSchema,
  couponCodeParamsSchema,
  customerSchema,
  drawSchema,
  newCampaignSchema,
  newCustomerSchema,
  redemptionSchema,
} from '../api-schemas';
import { InstantWinError } from '../domain/instant-win-error';
import type { InstantWin } from '../instant-win';
import type { InstantWinMetrics } from '../instant-win-metrics';

/** What the routes need. */
export interface InstantWinRoutesOptions {
  readonly instantWin: InstantWin;
  readonly tokens: ApiTokens;
  /** Retry-After of a 503, in seconds. */
  readonly retryAfterSeconds: number;
  readonly metrics: InstantWinMetrics;
}

const TAGS = ['instant-win'];
const unavailable = problemResponse('the database cannot be reached; nothing was applied, try again', {
  headers: { 'retry-after': retryAfterHeader },
});

/**
 * The instant-win API on a server made by `createHttpApi`: customers, campaigns (operator), draws and
 * redemptions (customer, as themselves). Each failure of the use cases is a problem+json whose type ends in
 * its name (`…:problem:already-drawn-today`); a 503 carries Retry-After.
 */
export function registerInstantWinRoutes(http: FastifyInstance, options: InstantWinRoutesOptions): void {
  const { instantWin, tokens } = options;
  // Runs a use case, counting its outcome and answering its refusal as a problem.
  const serve = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      options.metrics.requests.inc({ operation, outcome: 'ok' });
      return result;
    } catch (error) {
      if (!(error instanceof InstantWinError)) throw error;
      options.metrics.requests.inc({ operation, outcome: error.problem });
      throw new HttpProblem({
        status: error.status,
        type: problemType(error.problem),
        detail: error.message,
        ...(error.earlierDraw === undefined ? {} : { extensions: { earlierDraw: error.earlierDraw } }),
        ...(error.status === 503 ? { headers: { 'retry-after': String(options.retryAfterSeconds) } } : {}),
      });
    }
  };
  const route = <S extends ApiRequestSchemas>(
    operationId: string,
    definition: Omit<Parameters<typeof addApiRoute<S>>[1], 'operationId' | 'tags' | 'handler'>,
    handler: (request: ApiRequest<S>, reply: FastifyReply) => Promise<unknown>,
  ) =>
    addApiRoute<S>(http, {
      ...definition,
      operationId,
      tags: TAGS,
      responses: { ...definition.responses, 503: unavailable },
      handler: (request, reply) => serve(operationId, () => handler(request, reply)),
    });

  route(
    'registerCustomer',
    {
      method: 'POST',
      url: '/v1/customers',
      summary: 'Register a customer with their mobile phone number',
      description:
        'An operator registers any customer; a customer registers themselves (accountId is then the subject of ' +
        'their token, or left out). The phone is validated and stored in E.164.',
      auth: { tokens, roles: ['operator', 'customer'] },
      request: { body: newCustomerSchema },
      responses: {
        201: jsonResponse('the customer', customerSchema),
        409: problemResponse('a customer with this accountId is already registered'),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      let { accountId } = request.body;
      if (principal.role === 'customer') {
        if (accountId !== undefined && accountId !== principal.subject)
          throw forbidden('a customer registers only themselves: accountId must be the subject of the token');
        accountId = principal.subject;
      }
      return reply.code(201).send(await instantWin.registerCustomer({ ...request.body, accountId }));
    },
  );

  route(
    'createCampaign',
    {
      method: 'POST',
      url: '/v1/campaigns',
      summary: 'Create a campaign with its coupon types',
      auth: { tokens, roles: ['operator'] },
      request: { body: newCampaignSchema },
      responses: { 201: jsonResponse('the campaign, its quotas full', campaignViewSchema) },
    },
    async (request, reply) => reply.code(201).send(await instantWin.createCampaign(request.body)),
  );

  route(
    'getCampaign',
    {
      method: 'GET',
      url: '/v1/campaigns/:id',
      summary: 'A campaign with the remaining total and daily quota of each coupon type',
      auth: { tokens, roles: ['operator', 'customer'] },
      request: { params: campaignParamsSchema },
      responses: {
        200: jsonResponse('the campaign', campaignViewSchema),
        404: problemResponse('no such campaign'),
      },
    },
    async (request) => instantWin.campaign(request.params.id),
  );

  route(
    'closeCampaign',
    {
      method: 'POST',
      url: '/v1/campaigns/:id/close',
      summary: 'Close a campaign now: no draw is accepted after',
      auth: { tokens, roles: ['operator'] },
      request: { params: campaignParamsSchema },
      responses: {
        200: jsonResponse('the campaign, closed', campaignViewSchema),
        404: problemResponse('no such campaign'),
      },
    },
    async (request) => instantWin.closeCampaign(request.params.id),
  );

  route(
    'draw',
    {
      method: 'POST',
      url: '/v1/campaigns/:id/draws',
      summary: 'Draw once: the customer of the token learns at once whether they won a coupon',
      description:
        'At most one draw per customer per campaign per campaign-local day, however many requests arrive at ' +
        'once: a second one that day answers 409 with the earlier draw under earlierDraw.',
      auth: { tokens, roles: ['customer'] },
      request: { params: campaignParamsSchema },
      responses: {
        201: jsonResponse('the draw, won or no-coupon', drawSchema),
        404: problemResponse('no such campaign, or the customer is not registered'),
        409: problemResponse('already drawn today (earlierDraw), or the campaign is not open', {
          extensions: { earlierDraw: drawSchema.optional() },
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await instantWin.draw(request.params.id, principalOf(request).subject)),
  );

  route(
    'redeemCoupon',
    {
      method: 'POST',
      url: '/v1/coupons/:code/redeem',
      summary: 'Redeem a coupon of the customer of the token, once',
      auth: { tokens, roles: ['customer'] },
      request: { params: couponCodeParamsSchema },
      responses: {
        200: jsonResponse('the redeemed coupon', redemptionSchema),
        404: problemResponse('no such coupon of this customer'),
        409: problemResponse('already redeemed'),
        410: problemResponse('expired'),
      },
    },
    async (request) => instantWin.redeem(request.params.code, principalOf(request).subject),
  );
}

function forbidden(detail: string): HttpProblem {
  return new HttpProblem({ status: 403, type: problemType('not-yourself'), detail });
}
