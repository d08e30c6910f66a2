/**
 * @prizedraw/draw-results — writes a draw's results from the chunks prize-draw sends with
 * `PRIZE_DRAW_FAN_OUT`: one `draw-result` per entrant, built and produced in a process of its own while
 * prize-draw goes on down the ranks (docs/draw-pipeline.md, "Results fanned out").
 *
 * ```ts
 * const config = parseConfig(baseConfigSchema);
 * await runServices([drawResultsService()], config);
 * ```
 */
import type { Service } from '@prizedraw/service';
import { createDrawResultsTopology, DRAW_RESULTS_STAGE } from './topology';

export { RESULTS_SINK, WRITTEN_SINK } from './processors/fan-out-processor';
export { createDrawResultsTopology, DRAW_RESULTS_STAGE, type DrawResultsTopologyOptions } from './topology';

/** The draw-results service: result chunks in, one result per entrant out, then results-written. */
export function drawResultsService(): Service {
  return {
    name: DRAW_RESULTS_STAGE,
    // Results wait in the transaction until the broker acknowledges their request, as prize-draw's do: see
    // Service.pretenuring.
    pretenuring: false,
    async start(context) {
      const { topics, dataCodec } = context;
      await context.startStreams(DRAW_RESULTS_STAGE, createDrawResultsTopology({ topics, dataCodec }));
    },
  };
}
