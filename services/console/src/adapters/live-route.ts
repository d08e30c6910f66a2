import { type ApiTokens, addApiRoute, HttpProblem, problemResponse, problemType } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DrawBoard } from '../draw-board';
import { drawParamsSchema } from './console-schemas';
import type { LiveStreams } from './live-streams';

/**
 * `GET /v1/console/draws/{drawId}/live`: the draw's detail as Server-Sent Events. The page reads it with
 * fetch (so the operator's token travels in the Authorization header, never in a URL that access logs keep).
 */
export function registerLiveRoute(
  http: FastifyInstance,
  options: { board: DrawBoard; tokens: ApiTokens; streams: LiveStreams },
): void {
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/draws/:drawId/live',
    operationId: 'followConsoleDraw',
    summary: "A draw's detail, live (Server-Sent Events)",
    description:
      'An event `draw` with the draw detail (as getConsoleDraw) at once, then each time it changes, at most ' +
      'once per CONSOLE_LIVE_INTERVAL_MS; comment lines keep an idle stream open.',
    tags: ['console'],
    auth: { tokens: options.tokens, roles: ['operator'] },
    request: { params: drawParamsSchema },
    responses: {
      200: { description: 'the event stream', schema: z.string(), mediaType: 'text/event-stream' },
      404: problemResponse('no such draw is defined'),
    },
    async handler(request, reply) {
      const { drawId } = request.params;
      if (!options.board.detail(drawId, Date.now()))
        throw new HttpProblem({
          status: 404,
          type: problemType('no-such-draw'),
          detail: `no draw ${drawId} is defined`,
        });
      // The stream is written by LiveStreams from now on, outside Fastify's reply cycle.
      reply.hijack();
      options.streams.attach(drawId, reply.raw);
    },
  });
}
