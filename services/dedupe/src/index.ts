/**
 * @prizedraw/dedupe — TIM: drops enriched activities already seen for their draw, and second entries of
 * one email in draws that dedupe on email, with a LevelDB seen-set per partition that expires with each
 * draw (closesAt + retention). Passes the rest, and the draw markers in order, to the relevant topic.
 *
 * ```ts
 * const topology = dedupeTopology({ topics, retentionMs: config.DEDUPE_RETENTION_MS, registry });
 * await context.startStreams('dedupe', topology);
 * ```
 */
export { droppedCounter } from './dedupe-metrics';
export type { DrawSeenIndex, DropReason } from './processors/seen-set';
export { DEDUPE_STAGE, type DedupeTopologyOptions, dedupeTopology, SEEN_STORE } from './topology';
