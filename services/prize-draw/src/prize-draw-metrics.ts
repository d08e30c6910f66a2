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
