import type { TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource, type DrawDefinitions, type Outbound } from '@prizedraw/service';
import { type SinkOptions, Topology } from '@prizedraw/stream';
import type { Registry } from 'prom-client';
import { unmatchedCounter } from './enrichment-metrics';
import { EnrichmentProcessor } from './processors/enrichment-processor';

/** Options of {@link enrichmentTopology}. */
export interface EnrichmentTopologyOptions {
  /** Reads `ingested`, writes `enriched` (activities and markers) and `unmatched`. */
  readonly topics: Pick<TopicNames, 'ingested' | 'enriched' | 'unmatched'>;
  /** The draw definitions table (filled from the compacted definitions topic). */
  readonly definitions: DrawDefinitions;
  /** When given, `prizedraw_enrichment_unmatched_total{kind}` is registered on it. */
  readonly registry?: Registry;
}

/** Stage name on the records' timeline (`enrichment.out`) and their CloudEvent source (`/prizedraw/enrichment`). */
export const ENRICHMENT_STAGE = 'enrichment';

/**
 * DEC's topology: ingested activity → one enriched activity per open draw it counts for, or the unmatched
 * topic; markers pass through. Stateless: the definitions are a table held in memory. Input that cannot be
 * decoded or validated goes to `<ingested>.dlq`.
 */
export function enrichmentTopology({ topics, definitions, registry }: EnrichmentTopologyOptions): Topology {
  const unmatched = registry === undefined ? undefined : unmatchedCounter(registry);
  return new Topology()
    .addSource('ingested', cloudEventSource(topics.ingested))
    .addProcessor(
      'enrich',
      () =>
        new EnrichmentProcessor({
          definitions,
          enrichedSink: 'enriched',
          unmatchedSink: 'unmatched',
          ...(unmatched && { onUnmatched: (activity) => unmatched.inc({ kind: activity.kind }) }),
        }),
      'ingested',
    )
    .addSink('enriched', cloudEventSink(topics.enriched, ENRICHMENT_STAGE), 'enrich')
    .addSink('unmatched', withRecordHeaders(cloudEventSink(topics.unmatched, ENRICHMENT_STAGE)), 'enrich');
}

// cloudEventSink writes only the event's own headers; the unmatched reason travels as a record header.
function withRecordHeaders(sink: SinkOptions<string | null, Outbound>): SinkOptions<string | null, Outbound> {
  return {
    ...sink,
    serializer: (record) => {
      const message = sink.serializer(record);
      return { ...message, headers: { ...message.headers, ...record.headers } };
    },
  };
}
