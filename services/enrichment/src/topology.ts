import type { DataCodec, TopicNames } from '@prizedraw/events';
import {
  cloudEventSink,
  cloudEventSource,
  type DrawDefinitions,
  type ParkingSettings,
  type ParkingSetup,
  parkingMetrics,
  parkingSettings,
  unmatchedSink,
} from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import type { Registry } from 'prom-client';
import { unmatchedCounter } from './enrichment-metrics';
import { EnrichmentProcessor } from './processors/enrichment-processor';

/** Options of {@link enrichmentTopology}. */
export interface EnrichmentTopologyOptions {
  /** Reads `ingested`, writes `enriched` (activities and markers) and `unmatched`. */
  readonly topics: Pick<TopicNames, 'ingested' | 'enriched' | 'unmatched'>;
  /** The draw definitions table (filled from the compacted definitions topic). */
  readonly definitions: DrawDefinitions;
  /** Parking of activity whose draw this process does not know yet; default {@link parkingSettings}(). */
  readonly parking?: ParkingSettings;
  /** When given, `prizedraw_enrichment_unmatched_total{kind}` and the parking counters are registered on it. */
  readonly registry?: Registry;
  readonly logger?: ParkingSetup['logger'];
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  readonly dataCodec?: DataCodec;
}

/** Stage name on the records' timeline (`enrichment.out`) and their CloudEvent source (`/prizedraw/enrichment`). */
export const ENRICHMENT_STAGE = 'enrichment';
/** The store of activity waiting for its draw; its changelog is `<applicationId>-parked-changelog`. */
export const ENRICHMENT_PARKED_STORE = 'parked';

/**
 * DEC's topology: ingested activity → one enriched activity per open draw it counts for; activity of a draw
 * not known here yet parked until it is (or to the unmatched topic once its retention passes); markers pass
 * through. Input that cannot be decoded or validated goes to `<ingested>.dlq`.
 */
export function enrichmentTopology(options: EnrichmentTopologyOptions): Topology {
  const { topics, definitions, parking = parkingSettings(), registry, logger, dataCodec } = options;
  const unmatched = registry && unmatchedCounter(registry);
  const metrics = registry && parkingMetrics(registry);
  return new Topology()
    .addSource('ingested', cloudEventSource(topics.ingested, dataCodec))
    .addProcessor(
      'enrich',
      () =>
        new EnrichmentProcessor({
          parking: { definitions, settings: parking, metrics, logger },
          enrichedSink: 'enriched',
          unmatchedSink: 'unmatched',
          parkedStore: ENRICHMENT_PARKED_STORE,
          ...(unmatched && { onUnmatched: (activity) => unmatched.inc({ kind: activity.kind }) }),
        }),
      'ingested',
    )
    .addStateStore({ name: ENRICHMENT_PARKED_STORE }, 'enrich')
    .addSink('enriched', cloudEventSink(topics.enriched, ENRICHMENT_STAGE, dataCodec), 'enrich')
    .addSink('unmatched', unmatchedSink(topics.unmatched, ENRICHMENT_STAGE, dataCodec), 'enrich');
}
