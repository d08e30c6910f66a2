import type { DataCodec, TopicNames } from '@prizedraw/events';
import { seedsIn } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource, type DrawDefinitions } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import { DRAW_STORE } from './adapters/draw-store';
import {
  type DrawSeedSource,
  PrizeDrawProcessor,
  type PrizeDrawProcessorOptions,
  RECORDS_SINK,
  RESULTS_SINK,
} from './processors/prize-draw-processor';

/** Options of {@link createPrizeDrawTopology}. */
export interface PrizeDrawTopologyOptions {
  /** Topic names of the deployment: reads `runs`, writes `results`. */
  topics: TopicNames;
  /** The draw definitions table (prizes best first, max wins, default prize). */
  definitions: DrawDefinitions;
  /** Directory of draw seeds (`SEED_DIR`), revealed in the draw records. Default none: not verifiable. */
  seedDir?: string;
  /** Where draw seeds come from; default the files of `seedDir`. */
  seeds?: DrawSeedSource;
  /** Run entries walked per punctuation, i.e. per transaction. Default 20,000. */
  sliceSize?: number;
  /** Wall-clock interval of the punctuation that advances draws, in ms. Default 100. */
  punctuateEveryMs?: number;
  /** Called once per draw left alone because its definition says `administrator: 'sca'`. */
  onSkipped?: (drawId: string) => void;
  /** Called once per draw completed, with its final status and the punctuation's time. */
  onCompleted?: PrizeDrawProcessorOptions['onCompleted'];
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  dataCodec?: DataCodec;
}

/**
 * The prize draw: `{brand}.draw.runs` (runs of every wallet partition, key drawId) in; one
 * `draw-result` per entrant (key accountId) and one `draw-completed` per draw (key drawId) to
 * `{brand}.draw.results`. State: the `prize-draw` store (runs, awards, progress). Draws that SCA administers
 * are skipped (`onSkipped`): the sca-export service reads their runs and SCA picks the winners; they get a
 * draw record (entries, cut-offs, exclusions; no results) all the same, which sca-export archives.
 */
export function createPrizeDrawTopology({
  topics,
  definitions,
  seedDir,
  seeds = seedsIn(seedDir),
  sliceSize = 20_000,
  punctuateEveryMs = 100,
  onSkipped,
  onCompleted,
  dataCodec,
}: PrizeDrawTopologyOptions): Topology {
  if (!Number.isInteger(sliceSize) || sliceSize < 1) {
    throw new RangeError(`sliceSize must be a positive integer, got ${sliceSize}`);
  }
  if (!(punctuateEveryMs > 0))
    throw new RangeError(`punctuateEveryMs must be positive, got ${punctuateEveryMs}`);
  const options = {
    definitions,
    seeds,
    activityTopic: topics.activity,
    sliceSize,
    punctuateEveryMs,
    ...(onSkipped && { onSkipped }),
    ...(onCompleted && { onCompleted }),
  };
  return new Topology()
    .addSource('runs', cloudEventSource(topics.runs, dataCodec))
    .addProcessor('draw', () => new PrizeDrawProcessor(options), 'runs')
    .addStateStore({ name: DRAW_STORE }, 'draw')
    .addSink(RESULTS_SINK, cloudEventSink(topics.results, 'prize-draw', dataCodec), 'draw')
    .addSink(RECORDS_SINK, cloudEventSink(topics.records, 'prize-draw', dataCodec), 'draw');
}
