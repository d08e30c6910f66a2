import { decodeAndValidate, PIPELINE_EVENT_TYPES, type TopicNames } from '@prizedraw/events';
import { cloudEventSink, type DrawDefinitions } from '@prizedraw/service';
import { Record, type SourceOptions, Topology } from '@prizedraw/stream';
import {
  EXPORTS_SINK,
  type RunsRecordValue,
  SCA_RUNS_STORE,
  ScaRunsProcessor,
} from './processors/sca-runs-processor';

// The runs topic is written by the wallet in binary mode, so the type is a header. Only run-ends are decoded:
// a run of a million entries passes through on its headers and is read again by the export.
const TYPE_HEADER = 'ce_type';

const runsSource = (topic: string): SourceOptions<string | null, RunsRecordValue> => ({
  topic,
  deserializer: (message) => {
    const key = message.key?.toString() ?? null;
    const type = message.headers[TYPE_HEADER] ?? '';
    if (type !== PIPELINE_EVENT_TYPES.runEnd) return new Record(key, { type }, message.timestamp);
    const event = decodeAndValidate(message);
    const runEnd = event.type === PIPELINE_EVENT_TYPES.runEnd ? event.data : undefined;
    return new Record(key, { type, runEnd }, message.timestamp);
  },
});

/** Runs (`{brand}.draw.runs`) in, one `sca-export-ready` per complete SCA draw out (`{brand}.sca.exports`). */
export function createScaExportTopology(topics: TopicNames, definitions: DrawDefinitions): Topology {
  return new Topology()
    .addSource('runs', runsSource(topics.runs))
    .addProcessor('sca-runs', () => new ScaRunsProcessor(definitions), 'runs')
    .addStateStore({ name: SCA_RUNS_STORE }, 'sca-runs')
    .addSink(EXPORTS_SINK, cloudEventSink(topics.scaExports, 'sca-export'), 'sca-runs');
}
