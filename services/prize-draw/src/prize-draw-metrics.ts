import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/**
 * `prizedraw_prize_draw_skipped_total{reason}` (`sca`): draws the draw service left alone because SCA
 * administers them and picks their winners from the exported entries.
 */
export function skippedCounter(registry: Registry): Counter<'reason'> {
  return registeredCounter(registry, {
    name: 'prizedraw_prize_draw_skipped_total',
    help: 'Draws the draw service left alone, by reason (sca: SCA administers them)',
    labelNames: ['reason'],
  });
}

/**
 * `prizedraw_prize_draw_record_digests_total{where}`: draw records whose entry list and hashes were computed
 * in a worker thread while the results went out (`worker`) or by the draw's thread at completion
 * (`draw-thread`: small draws, SCA draws, or a worker that failed, which is also logged).
 */
export function recordDigestsCounter(registry: Registry): Counter<'where'> {
  return registeredCounter(registry, {
    name: 'prizedraw_prize_draw_record_digests_total',
    help: 'Draw records digested, by where: worker (a worker thread, during the emission) or draw-thread',
    labelNames: ['where'],
  });
}
