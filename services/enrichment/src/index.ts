/**
 * @prizedraw/enrichment — DEC: attaches to every ingested stake, award and entry the draw(s) it counts for
 * (promo code, event time within the draw's open window), with the draw's rules and tags. Activity of no
 * open draw is routed to the unmatched topic with the reason; draw markers pass through in order.
 *
 * ```ts
 * await runServices([enrichmentService()], parseConfig(enrichmentConfigSchema));
 * ```
 */
import type { Service } from '@prizedraw/service';
import { enrichmentTopology } from './topology';

export { type EnrichmentConfig, enrichmentConfigSchema } from './config';
export { unmatchedCounter } from './enrichment-metrics';
export type { Activity } from './processors/activity-of';
export { UNMATCHED_REASON_EXTENSION, UNMATCHED_REASON_HEADER } from './processors/enrichment-processor';
export { ENRICHMENT_STAGE, type EnrichmentTopologyOptions, enrichmentTopology } from './topology';

/** The enrichment service: ingested activity → enriched activity per open draw, or the unmatched topic. */
export function enrichmentService(): Service {
  return {
    name: 'enrichment',
    async start(context) {
      const definitions = await context.definitions();
      const { topics, registry } = context;
      await context.startStreams('enrichment', enrichmentTopology({ topics, definitions, registry }));
    },
  };
}
