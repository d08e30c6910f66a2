import { type ApiTokens, addApiRoute, jsonResponse } from '@prizedraw/http-api';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { drawParamsSchema } from './console-schemas';
import { partitionMarkersSchema, type WalletClient } from './wallet-client';

const markersSchema = z
  .object({
    known: z
      .boolean()
      .describe('False when no wallet instance answered (CONSOLE_WALLET_URLS unset, or none reachable).'),
    partitions: z.array(partitionMarkersSchema),
  })
  .meta({ id: 'ConsoleDrawMarkers' });

/**
 * `GET /v1/console/draws/{drawId}/markers`: the trigger markers each wallet partition has processed, asked of
 * the ticket wallet's instances (their stores hold it; the markers' topic is not read, as it carries every
 * ticket). The draw page polls it between the trigger and completion.
 */
export function registerMarkersRoute(
  http: FastifyInstance,
  options: { readonly tokens: ApiTokens; readonly wallet: WalletClient },
): void {
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/draws/:drawId/markers',
    operationId: 'getConsoleDrawMarkers',
    summary: "The draw's trigger markers each wallet partition has seen, from the wallet's instances",
    tags: ['console'],
    auth: { tokens: options.tokens, roles: ['operator'] },
    request: { params: drawParamsSchema },
    responses: { 200: jsonResponse('markers seen by partition', markersSchema) },
    async handler(request) {
      const partitions = await options.wallet.markers(request.params.drawId);
      return { known: partitions !== undefined, partitions: partitions ?? [] };
    },
  });
}
