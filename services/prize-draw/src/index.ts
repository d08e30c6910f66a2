/**
 * @prizedraw/prize-draw — merges the wallet partitions' runs of a draw highest ticket first, gives the
 * prizes down the table, and sends exactly one result per entrant and one draw-completed, resumably.
 *
 * ```ts
 * const config = parseConfig(prizeDrawConfigSchema);
 * await runServices([prizeDrawService(config)], config);
 * ```
 */
import type { Service } from '@prizedraw/service';
import type { PrizeDrawConfig } from './config';
import { drawDurationHistogram, observeDrawDuration } from './draw-duration-histogram';
import { skippedCounter } from './prize-draw-metrics';
import { createPrizeDrawTopology } from './topology';

export { type Award, DRAW_STORE, drawKeys, type PrizeRef, type StoredRunEntry } from './adapters/draw-store';
export { type PrizeDrawConfig, prizeDrawConfigSchema } from './config';
export { drawDurationHistogram, observeDrawDuration } from './draw-duration-histogram';
export { skippedCounter } from './prize-draw-metrics';
export { decideResults, type RankedTicket } from './processors/decide-results';
export type { DrawResultData } from './processors/draw-result-of';
export { type DrawPhase, type DrawRules, type DrawStatus, rulesOf } from './processors/draw-status';
export { type DrawSeedSource, RECORDS_SINK, RESULTS_SINK } from './processors/prize-draw-processor';
export { createPrizeDrawTopology, type PrizeDrawTopologyOptions } from './topology';

// Draws advance on a wall-clock punctuation: check for it often, so a draw starts as soon as it is ready.
const PUNCTUATE_EVERY_MS = 50;

/** The draw service: runs of every wallet partition in, one result per entrant and draw-completed out. */
export function prizeDrawService({
  PRIZE_DRAW_SLICE_SIZE,
  SEED_DIR,
}: Pick<PrizeDrawConfig, 'PRIZE_DRAW_SLICE_SIZE' | 'SEED_DIR'>): Service {
  return {
    name: 'prize-draw',
    // A draw's results are held until the broker acknowledges their chunk: see Service.pretenuring.
    pretenuring: false,
    async start(context) {
      const { topics, logger, registry, dataCodec } = context;
      const skipped = skippedCounter(registry);
      const duration = drawDurationHistogram(registry);
      const topology = createPrizeDrawTopology({
        topics,
        definitions: await context.definitions(),
        seedDir: SEED_DIR,
        sliceSize: PRIZE_DRAW_SLICE_SIZE,
        punctuateEveryMs: PUNCTUATE_EVERY_MS,
        onSkipped: (drawId) => {
          skipped.inc({ reason: 'sca' });
          logger.info(
            { drawId },
            'draw recorded, not drawn: SCA administers it and picks its winners from the export',
          );
        },
        onCompleted: (status, now) => observeDrawDuration(duration, status, now),
        dataCodec,
      });
      await context.startStreams('prize-draw', topology, { punctuationCheckMs: PUNCTUATE_EVERY_MS });
    },
  };
}
