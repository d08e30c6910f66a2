import type { ScaExportReady } from '@prizedraw/events';
import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/** How an export attempt ended: what {@link exportDraw} returned, or `failed` when it threw. */
export type ExportOutcome = 'submitted' | 'already-submitted' | 'failed';

/**
 * `prizedraw_sca_exports_total{outcome}`: SCA export attempts by outcome. A failed attempt is retried by the
 * export worker, so a run of `failed` means a draw's files are not reaching SCA. Registered once per
 * registry, with every outcome at 0 from the start so the first failure shows as an increase.
 */
export function exportsCounter(registry: Registry): Counter<'outcome'> {
  const counter = registeredCounter(registry, {
    name: 'prizedraw_sca_exports_total',
    help: 'SCA export attempts by outcome (submitted, already-submitted, failed: retried)',
    labelNames: ['outcome'],
  });
  for (const outcome of ['submitted', 'already-submitted', 'failed'] satisfies ExportOutcome[]) {
    counter.inc({ outcome }, 0);
  }
  return counter;
}

/** `exportDraw`, counting each attempt's outcome in `counter`; errors are counted and passed on. */
export function countExportOutcomes<T extends Exclude<ExportOutcome, 'failed'>>(
  counter: Counter<'outcome'>,
  exportDraw: (ready: ScaExportReady) => Promise<T>,
): (ready: ScaExportReady) => Promise<T> {
  return async (ready) => {
    try {
      const outcome = await exportDraw(ready);
      counter.inc({ outcome });
      return outcome;
    } catch (error) {
      counter.inc({ outcome: 'failed' });
      throw error;
    }
  };
}
