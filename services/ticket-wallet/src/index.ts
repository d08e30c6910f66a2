/**
 * @prizedraw/ticket-wallet — per customer and draw, the k best random tickets and the count; on a draw's
 * complete marker set, each partition's run of tickets highest first to the runs topic.
 *
 * ```ts
 * const topology = createTicketWalletTopology({ topics: topicNames({ brand: 'acme' }) });
 * const streams = new KafkaStreams(topology, { applicationId: 'ticket-wallet', brokers, stateDir });
 * await streams.start();
 * // GET /v1/draws/{drawId}/customers/{accountId}, given a read of the customer's partition store:
 * const count = await readLiveCount((key) => store.get(key), drawId, accountId);
 * ```
 */
export { type LiveCount, readLiveCount, type WalletStoreRead } from './adapters/live-counts';
export { WALLET_STORE, walletKeys } from './adapters/wallet-store';
export type { RandomBytes } from './processors/keep-best-tickets';
export { LATE_TICKETS_SINK, RUNS_SINK } from './processors/ticket-wallet-processor';
export { createTicketWalletTopology, type TicketWalletTopologyOptions } from './topology';
