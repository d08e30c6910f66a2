/**
 * @prizedraw/enrichment — DEC: attaches to every ingested stake, award and entry the draw(s) it counts for
 * (promo code, event time within the draw's open window), with the draw's rules and tags. Activity of a
 * draw this process does not know yet is parked until it does; after the retention it goes to the unmatched
 * topic with the reason. Draw markers pass through in order.
 *
 * ```ts
 * const config = parseConfig(enrichmentConfigSchema);
 * await runServices([enrichmentService(config)], config);
 * ```
 */
import { parkingSettings, type StageService, stageService } from '@prizedraw/service';
import type { EnrichmentConfig } from './config';
import { enrichmentTopology } from './topology';

export { UNMATCHED_REASON_EXTENSION, UNMATCHED_REASON_HEADER } from '@prizedraw/service';
export { type EnrichmentConfig, enrichmentConfigSchema } from './config';
export { unmatchedCounter } from './enrichment-metrics';
export type { Activity } from './processors/activity-of';
export {
  ENRICHMENT_PARKED_STORE,
  ENRICHMENT_STAGE,
  type EnrichmentTopologyOptions,
  enrichmentTopology,
} from './topology';

/**
 * The enrichment service: ingested activity → enriched activity per open draw; activity of a draw not known
 * here yet parked (settings from `config`, defaults without it).
 */
export function enrichmentService(config?: Partial<EnrichmentConfig>): StageService {
  return stageService({
    name: 'enrichment',
    async topology(context) {
      const definitions = await context.definitions();
      const { topics, registry, logger, dataCodec } = context;
      const parking = parkingSettings(config);
      return enrichmentTopology({ topics, definitions, parking, registry, logger, dataCodec });
    },
  });
}
