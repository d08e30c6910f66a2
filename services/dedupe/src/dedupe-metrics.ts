import { Counter, type Registry } from 'prom-client';

const DROPPED_TOTAL = 'prizedraw_dedupe_dropped_total';

/**
 * `prizedraw_dedupe_dropped_total{reason}` (`duplicate` or `email`): activities dedupe dropped. Registered
 * once per registry. Counted when processed, so a batch retried after an aborted transaction counts again;
 * the per-draw counts in the store are exact.
 */
export function droppedCounter(registry: Registry): Counter<'reason'> {
  const existing = registry.getSingleMetric(DROPPED_TOTAL) as Counter<'reason'> | undefined;
  return (
    existing ??
    new Counter({
      name: DROPPED_TOTAL,
      help: 'Enriched activities dropped as a repeat (duplicate) or a second entry of an email (email)',
      labelNames: ['reason'],
      registers: [registry],
    })
  );
}
