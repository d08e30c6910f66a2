/**
 * @prizedraw/ticket-wallet — per customer and draw, the k best random tickets and the count; on a draw's
 * complete marker set, each partition's run of tickets highest first to the runs topic.
 *
 * ```ts
 * await runServices([ticketWalletService()], parseConfig(ticketWalletConfigSchema));
 * // then: GET /v1/draws/{drawId}/customers/{accountId} → { drawId, accountId, tickets, bestTicket, partition }
 * // (problem+json otherwise; the route is in the process's /openapi.json)
 * ```
 */
import { type StageService, stageService } from '@prizedraw/service';
import { ownedWalletPartitionsOf, registerDrawMarkersRoute } from './adapters/draw-markers-route';
import { registerLiveCountRoute, walletPartitionsOf } from './adapters/live-count-route';
import type { TicketWalletConfig } from './config';
import { createTicketWalletTopology } from './topology';

export {
  answerLiveCount,
  LIVE_COUNT_PROBLEMS,
  type LiveCountAnswer,
  liveCountParamsSchema,
  type WalletPartitions,
} from './adapters/answer-live-count';
export {
  answerDrawMarkers,
  type OwnedWalletPartitions,
  type PartitionMarkers,
} from './adapters/draw-markers';
export { ownedWalletPartitionsOf, registerDrawMarkersRoute } from './adapters/draw-markers-route';
export { registerLiveCountRoute, walletPartitionsOf } from './adapters/live-count-route';
export { type LiveCount, readLiveCount, type WalletStoreRead } from './adapters/live-counts';
export { WALLET_STORE, walletKeys } from './adapters/wallet-store';
export { type TicketWalletConfig, ticketWalletConfigSchema } from './config';
export { derivedTickets } from './processors/derived-tickets';
export { keepBestTickets, type RandomBytes } from './processors/keep-best-tickets';
export { formatTicket } from './processors/ticket-format';
export { LATE_TICKETS_SINK, RUNS_SINK, type SeedSource } from './processors/ticket-wallet-processor';
export { createTicketWalletTopology, type TicketWalletTopologyOptions } from './topology';

// A partition's whole run (every ticket of the draw held by that partition) goes out in one transaction. At the
// runtime's default of 60 s, a million-entrant draw on a busy 2-core machine outlived its transaction and
// the wallet was fenced, again on every restart; 10 minutes stays under the broker's cap (15 minutes).
const RUN_TRANSACTION_TIMEOUT_MS = 600_000;

// The wallet's input batches, their store writes and their output live until the batch commits, for eight
// partitions at once: fetches of 512 KiB a partition instead of the runtime's 2 MiB keep the wallet under
// 300 MB while it catches up on a million grants (docs/benchmarks.md, "the wallet's fetches").
const WALLET_FETCH_BYTES = 512 * 1024;

/** The ticket wallet service: the wallet topology (tickets derived from `SEED_DIR` seeds) and its live counts. */
export function ticketWalletService({ SEED_DIR }: Pick<TicketWalletConfig, 'SEED_DIR'> = {}): StageService {
  return stageService({
    name: 'ticket-wallet',
    topology: ({ topics, dataCodec }) => createTicketWalletTopology({ topics, dataCodec, seedDir: SEED_DIR }),
    tuning: { transactionTimeoutMs: RUN_TRANSACTION_TIMEOUT_MS, fetchBytesPerPartition: WALLET_FETCH_BYTES },
    started: ({ http, topics }, streams) => {
      registerLiveCountRoute(http, walletPartitionsOf(streams, topics.tickets));
      registerDrawMarkersRoute(http, ownedWalletPartitionsOf(streams, topics.tickets));
    },
  });
}
