/**
 * @prizedraw/prize-draw — merges the wallet partitions' runs of a draw highest ticket first, gives the
 * prizes down the table, and sends exactly one result per entrant and one draw-completed, resumably.
 *
 * ```ts
 * const topology = createPrizeDrawTopology({ topics: topicNames({ brand: 'acme' }), definitions });
 * const streams = new KafkaStreams(topology, { applicationId: 'prize-draw', brokers, stateDir });
 * await streams.start();
 * ```
 */
export { type Award, DRAW_STORE, drawKeys, type PrizeRef, type StoredRunEntry } from './adapters/draw-store';
export type { DrawResultData } from './processors/draw-result-of';
export type { DrawPhase, DrawStatus } from './processors/draw-status';
export { RESULTS_SINK } from './processors/prize-draw-processor';
export { createPrizeDrawTopology, type PrizeDrawTopologyOptions } from './topology';
