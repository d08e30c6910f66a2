import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/**
 * `prizedraw_dedupe_dropped_total{reason}` (`duplicate` or `email`): activities dedupe dropped. Registered
 * once per registry. Counted when processed, so a batch retried after an aborted transaction counts again;
 * the per-draw counts in the store are exact.
 */
export function droppedCounter(registry: Registry): Counter<'reason'> {
  return registeredCounter(registry, {
    name: 'prizedraw_dedupe_dropped_total',
    help: 'Enriched activities dropped as a repeat (duplicate) or a second entry of an email (email)',
    labelNames: ['reason'],
  });
}
