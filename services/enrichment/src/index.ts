/**
 * @prizedraw/enrichment — DEC: attaches to every ingested stake, award and entry the draw(s) it counts for
 * (promo code, event time within the draw's open window), with the draw's rules and tags. Activity of no
 * open draw is routed to the unmatched topic with the reason; draw markers pass through in order.
 *
 * ```ts
 * const topology = enrichmentTopology({ topics, definitions: await context.definitions(), registry });
 * await context.startStreams('enrichment', topology);
 * ```
 */
export { unmatchedCounter } from './enrichment-metrics';
export type { Activity } from './processors/activity-of';
export { UNMATCHED_REASON_EXTENSION, UNMATCHED_REASON_HEADER } from './processors/enrichment-processor';
export { ENRICHMENT_STAGE, type EnrichmentTopologyOptions, enrichmentTopology } from './topology';
