import {
  type DataCodec,
  decodeAndValidate,
  decodeRecordKey,
  decodeUtf8Strict,
  PIPELINE_EVENT_TYPES,
  type TopicNames,
} from '@prizedraw/events';
import { cloudEventSink } from '@prizedraw/service';
import { Record, type SourceOptions, Topology } from '@prizedraw/stream';
import type { Logger } from 'pino';
import { csvEntriesOfRun, RUN_RECORD_TYPES } from './processors/csv-entries-of-run';
import type { ScaDraws } from './processors/sca-draws';
import {
  EXPORTS_SINK,
  type OnRunEntries,
  type RunsRecordValue,
  SCA_RUNS_STORE,
  ScaRunsProcessor,
} from './processors/sca-runs-processor';

// The runs topic is written by the wallet in binary mode, so the type is a header. Run-ends are decoded and
// validated; run chunks (and entries) of draws known as SCA's only have their data parsed into rows; the rest
// is left undecoded (a draw whose definition is not here yet is read back from the topic when exported).
const TYPE_HEADER = 'ce_type';

const runsSource = (topic: string, definitions: ScaDraws): SourceOptions<string | null, RunsRecordValue> => ({
  topic,
  deserializer: (message) => {
    const key = decodeRecordKey(message.key);
    const typeBytes = message.binaryHeaders?.[TYPE_HEADER];
    // Not UTF-8, so not in `headers`: throws the DecodeError that dead-letters the record, not passed over.
    if (typeBytes !== undefined) decodeUtf8Strict(typeBytes, `header ${TYPE_HEADER}`);
    const type = message.headers[TYPE_HEADER] ?? '';
    if (RUN_RECORD_TYPES.has(type) && key !== null && definitions.get(key)?.administrator === 'sca') {
      const run = csvEntriesOfRun(type, message.value, key);
      return new Record(key, { type, run }, message.timestamp);
    }
    if (type !== PIPELINE_EVENT_TYPES.runEnd) return new Record(key, { type }, message.timestamp);
    const event = decodeAndValidate(message);
    const runEnd = event.type === PIPELINE_EVENT_TYPES.runEnd ? event.data : undefined;
    return new Record(key, { type, runEnd }, message.timestamp);
  },
});

/** What {@link createScaExportTopology} may be given besides its topics and definitions. */
export interface ScaExportTopologyOptions {
  /** Sees the rows of every SCA run record on the way (the service spools them). */
  onRunEntries?: OnRunEntries;
  /** Writes the export-ready events; default plain JSON. */
  dataCodec?: DataCodec;
  /** Told of draws whose runs complete before their definition arrives. */
  logger?: Logger;
}

/**
 * Runs (`{brand}.draw.runs`) in, one `sca-export-ready` per complete SCA draw out (`{brand}.sca.exports`).
 * Runs are read in either framing of their data.
 */
export function createScaExportTopology(
  topics: TopicNames,
  definitions: ScaDraws,
  { onRunEntries, dataCodec, logger }: ScaExportTopologyOptions = {},
): Topology {
  return new Topology()
    .addSource('runs', runsSource(topics.runs, definitions))
    .addProcessor('sca-runs', () => new ScaRunsProcessor(definitions, onRunEntries, logger), 'runs')
    .addStateStore({ name: SCA_RUNS_STORE }, 'sca-runs')
    .addSink(EXPORTS_SINK, cloudEventSink(topics.scaExports, 'sca-export', dataCodec), 'sca-runs');
}
