import { Counter, type Registry } from 'prom-client';

const SKIPPED_TOTAL = 'prizedraw_prize_draw_skipped_total';

/**
 * `prizedraw_prize_draw_skipped_total{reason}` (`sca`): draws the draw service left alone because SCA
 * administers them and picks their winners from the exported entries. Registered once per registry.
 */
export function skippedCounter(registry: Registry): Counter<'reason'> {
  const existing = registry.getSingleMetric(SKIPPED_TOTAL) as Counter<'reason'> | undefined;
  return (
    existing ??
    new Counter({
      name: SKIPPED_TOTAL,
      help: 'Draws the draw service left alone, by reason (sca: SCA administers them)',
      labelNames: ['reason'],
      registers: [registry],
    })
  );
}
