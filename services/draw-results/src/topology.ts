import type { DataCodec, TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import { FanOutProcessor, RESULTS_SINK, WRITTEN_SINK } from './processors/fan-out-processor';

/** The stage name: results come from `/prizedraw/draw-results`, stamped `draw-results.out`. */
export const DRAW_RESULTS_STAGE = 'draw-results';

/** Options of {@link createDrawResultsTopology}. */
export interface DrawResultsTopologyOptions {
  /** Topic names of the deployment: reads `resultChunks`, writes `results` and `runs`. */
  topics: TopicNames;
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  dataCodec?: DataCodec;
}

/**
 * The fan-out of a draw's results: `{brand}.draw.result-chunks` (key drawId, from prize-draw with
 * `PRIZE_DRAW_FAN_OUT`) in; one `draw-result` per entrant (key accountId) to `{brand}.draw.results`, and after
 * a draw's last chunk `draw-results-written` (key drawId) to `{brand}.draw.runs` for prize-draw. Stateless:
 * each input batch's results and its offsets commit in one transaction.
 */
export function createDrawResultsTopology({ topics, dataCodec }: DrawResultsTopologyOptions): Topology {
  return new Topology()
    .addSource('chunks', cloudEventSource(topics.resultChunks, dataCodec))
    .addProcessor('fan-out', () => new FanOutProcessor(), 'chunks')
    .addSink(RESULTS_SINK, cloudEventSink(topics.results, DRAW_RESULTS_STAGE, dataCodec), 'fan-out')
    .addSink(WRITTEN_SINK, cloudEventSink(topics.runs, DRAW_RESULTS_STAGE, dataCodec), 'fan-out');
}
