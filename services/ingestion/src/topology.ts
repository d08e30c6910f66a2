import type { TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource, type DrawDefinitions } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import { INGESTED_SINK, IngestProcessor } from './processors/ingest-processor';
import { MARKERS_SINK, TRIGGERS_STORE, TriggerFanOutProcessor } from './processors/trigger-fan-out-processor';

/** Activity in (`{dc}.{brand}.cpp.activity`), normalized activity keyed by customer out. */
export function createIngestionTopology(topics: TopicNames): Topology {
  return new Topology()
    .addSource('activity', cloudEventSource(topics.activity))
    .addProcessor('ingest', () => new IngestProcessor(), 'activity')
    .addSink(INGESTED_SINK, cloudEventSink(topics.ingested, 'ingestion'), 'ingest');
}

/** Draw triggers in, one marker per activity partition out (a topology of its own: other topics, other keys). */
export function createTriggerTopology(topics: TopicNames, definitions: DrawDefinitions): Topology {
  return new Topology()
    .addSource('triggers', cloudEventSource(topics.triggers))
    .addProcessor('fan-out', () => new TriggerFanOutProcessor(definitions), 'triggers')
    .addStateStore({ name: TRIGGERS_STORE }, 'fan-out')
    .addSink(MARKERS_SINK, cloudEventSink(topics.activity, 'triggers'), 'fan-out');
}
