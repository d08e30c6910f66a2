import { addApiRoute, jsonResponse, problemResponse, retryAfterHeader } from '@prizedraw/http-api';
import type { ServiceContext } from '@prizedraw/service';
import { type KafkaStreams, partitionForKey } from '@prizedraw/stream';
import { z } from 'zod';
import { answerLiveCount, liveCountParamsSchema, type WalletPartitions } from './answer-live-count';
import { WALLET_STORE } from './wallet-store';

const partition = z
  .int()
  .nonnegative()
  .describe('The wallet partition (of {brand}.tickets) that holds the customer.');

const liveCountSchema = z.object({
  drawId: z.string().describe('The draw.'),
  accountId: z.string().describe('The customer.'),
  tickets: z.int().positive().describe("The customer's ticket count in the draw so far."),
  bestTicket: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .describe("The customer's highest ticket so far (128 bits as a lowercase UUID string)."),
  partition,
});

/** The wallet partitions of a running wallet application, whose source topic is `ticketsTopic`. */
export function walletPartitionsOf(streams: KafkaStreams, ticketsTopic: string): WalletPartitions {
  return {
    ready: () => streams.isReady(),
    partitionOf: (accountId) =>
      partitionForKey(ticketsTopic, accountId, streams.partitionCount(ticketsTopic)!),
    store: (partition) => streams.store(WALLET_STORE, partition),
  };
}

/**
 * Serves `GET /v1/draws/:drawId/customers/:accountId` (live ticket counts) on the process's HTTP server (made
 * by `createHttpApi`). Public, as before: it answers counts, not personal data, and sits behind the operator's
 * site (docs/http-apis.md).
 */
export function registerLiveCountRoute(http: ServiceContext['http'], partitions: WalletPartitions): void {
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/draws/:drawId/customers/:accountId',
    operationId: 'getLiveCount',
    summary: "A customer's live ticket count in a draw",
    description:
      "Read from the committed wallet store of the instance that owns the customer's partition; another " +
      'instance answers 421 naming the partition.',
    tags: ['ticket-wallet'],
    request: { params: liveCountParamsSchema },
    responses: {
      200: jsonResponse('where the customer stands', liveCountSchema),
      404: problemResponse('the customer holds no ticket in the draw', { extensions: { partition } }),
      421: problemResponse("another instance owns the customer's partition: ask that one", {
        extensions: { partition },
      }),
      503: problemResponse('the wallet is joining its group or rebalancing', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    handler: async (request) => answerLiveCount(request.params, partitions),
  });
}
