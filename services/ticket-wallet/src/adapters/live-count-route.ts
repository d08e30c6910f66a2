import type { ServiceContext } from '@prizedraw/service';
import { type KafkaStreams, partitionForKey } from '@prizedraw/stream';
import { answerLiveCount, type WalletPartitions } from './answer-live-count';
import { WALLET_STORE } from './wallet-store';

/** The wallet partitions of a running wallet application, whose source topic is `ticketsTopic`. */
export function walletPartitionsOf(streams: KafkaStreams, ticketsTopic: string): WalletPartitions {
  return {
    ready: () => streams.isReady(),
    partitionOf: (accountId) =>
      partitionForKey(ticketsTopic, accountId, streams.partitionCount(ticketsTopic)!),
    store: (partition) => streams.store(WALLET_STORE, partition),
  };
}

/** Serves `GET /v1/draws/:drawId/customers/:accountId` (live ticket counts) on the process's HTTP server. */
export function registerLiveCountRoute(http: ServiceContext['http'], partitions: WalletPartitions): void {
  http.get('/v1/draws/:drawId/customers/:accountId', async (request, reply) => {
    const { status, body } = await answerLiveCount(request.params, partitions);
    return reply.code(status).send(body);
  });
}
