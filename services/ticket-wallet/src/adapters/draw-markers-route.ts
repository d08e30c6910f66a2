import { addApiRoute, jsonResponse, problemResponse, retryAfterHeader } from '@prizedraw/http-api';
import type { ServiceContext } from '@prizedraw/service';
import type { KafkaStreams } from '@prizedraw/stream';
import { z } from 'zod';
import { answerDrawMarkers, type OwnedWalletPartitions } from './draw-markers';
import { WALLET_STORE } from './wallet-store';

const drawMarkersSchema = z.object({
  drawId: z.string().describe('The draw.'),
  partitions: z
    .array(
      z.object({
        partition: z.int().nonnegative().describe('A wallet partition this instance owns.'),
        markers: z
          .array(z.int().nonnegative())
          .describe('Source partitions whose marker of the draw it has processed, ascending.'),
        sourcePartitions: z
          .int()
          .positive()
          .nullable()
          .describe('Markers its run waits for; null before the first arrived.'),
        drawn: z.boolean().describe('Its run was sent: every marker was seen.'),
      }),
    )
    .describe('Only the partitions this instance owns; another instance answers for the rest.'),
});

/** The wallet partitions of a running wallet application, whose input topic is `inputTopic`. */
export function ownedWalletPartitionsOf(streams: KafkaStreams, inputTopic: string): OwnedWalletPartitions {
  return {
    ready: () => streams.isReady(),
    partitionCount: () => streams.partitionCount(inputTopic) ?? 0,
    store: (partition) => streams.store(WALLET_STORE, partition),
  };
}

/**
 * Serves `GET /v1/draws/:drawId/markers`: which markers of a draw's trigger each wallet partition of this
 * instance has processed (the operations console's "marker seen"). Public like the live counts beside it:
 * it answers progress, not personal data.
 */
export function registerDrawMarkersRoute(
  http: ServiceContext['http'],
  partitions: OwnedWalletPartitions,
): void {
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/draws/:drawId/markers',
    operationId: 'getDrawMarkers',
    summary: "The draw's trigger markers each wallet partition of this instance has seen",
    tags: ['ticket-wallet'],
    request: {
      params: z.object({ drawId: z.string().regex(/\S/, 'Expected a non-blank draw id').max(256) }),
    },
    responses: {
      200: jsonResponse('the markers seen by the partitions this instance owns', drawMarkersSchema),
      503: problemResponse('the wallet is joining its group or rebalancing', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    handler: async (request) => answerDrawMarkers(request.params.drawId, partitions),
  });
}
