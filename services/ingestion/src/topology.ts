import type { DataCodec, TopicNames } from '@prizedraw/events';
import {
  cloudEventSink,
  cloudEventSource,
  type DrawDefinitions,
  type ParkingSettings,
  parkingMetrics,
  parkingSettings,
  type ServiceContext,
  unmatchedSink,
} from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import type { Logger } from 'pino';
import { INGESTED_SINK, IngestProcessor, PARKED_STORE, UNMATCHED_SINK } from './processors/ingest-processor';
import { MARKERS_SINK, TRIGGERS_STORE, TriggerFanOutProcessor } from './processors/trigger-fan-out-processor';

/** Options of {@link createIngestionTopology}. */
export interface IngestionTopologyOptions {
  readonly topics: Pick<TopicNames, 'activity' | 'ingested' | 'unmatched'>;
  /** The draw definitions table: which draws are open, which dedupe on email. */
  readonly definitions: DrawDefinitions;
  /** Parking of activity of no known draw; default {@link parkingSettings}(). */
  readonly parking?: ParkingSettings;
  /** When given, the parking counters are registered on it. */
  readonly registry?: ServiceContext['registry'];
  readonly logger?: Logger;
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  readonly dataCodec?: DataCodec;
}

/**
 * Activity in (`{dc}.{brand}.cpp.activity`), normalized activity keyed by customer out; activity of no known
 * draw parked (changelog-backed store) and shown on `{brand}.cpp.unmatched.events`.
 */
export function createIngestionTopology(options: IngestionTopologyOptions): Topology {
  const { topics, definitions, parking = parkingSettings(), registry, logger, dataCodec } = options;
  const metrics = registry && parkingMetrics(registry);
  return new Topology()
    .addSource('activity', cloudEventSource(topics.activity, dataCodec))
    .addProcessor(
      'ingest',
      () => new IngestProcessor({ definitions, settings: parking, metrics, logger }),
      'activity',
    )
    .addStateStore({ name: PARKED_STORE }, 'ingest')
    .addSink(INGESTED_SINK, cloudEventSink(topics.ingested, 'ingestion', dataCodec), 'ingest')
    .addSink(UNMATCHED_SINK, unmatchedSink(topics.unmatched, 'ingestion', dataCodec), 'ingest');
}

/** Draw triggers in, one marker per activity partition out (a topology of its own: other topics, other keys). */
export function createTriggerTopology(
  topics: Pick<TopicNames, 'triggers' | 'activity'>,
  definitions: DrawDefinitions,
  definitionWaitMs = parkingSettings().definitionWaitMs,
  dataCodec?: DataCodec,
): Topology {
  return new Topology()
    .addSource('triggers', cloudEventSource(topics.triggers, dataCodec))
    .addProcessor('fan-out', () => new TriggerFanOutProcessor(definitions, definitionWaitMs), 'triggers')
    .addStateStore({ name: TRIGGERS_STORE }, 'fan-out')
    .addSink(MARKERS_SINK, cloudEventSink(topics.activity, 'triggers', dataCodec), 'fan-out');
}
