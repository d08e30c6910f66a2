import { Counter, type Registry } from 'prom-client';

const UNMATCHED_TOTAL = 'prizedraw_enrichment_unmatched_total';

/**
 * `prizedraw_enrichment_unmatched_total{kind}`: activities that matched no open draw. Registered once per
 * registry (a second topology on the same registry shares it). Counted when processed, so a batch retried
 * after an aborted transaction counts again; the records on the unmatched topic are the exact figure.
 */
export function unmatchedCounter(registry: Registry): Counter<'kind'> {
  const existing = registry.getSingleMetric(UNMATCHED_TOTAL) as Counter<'kind'> | undefined;
  return (
    existing ??
    new Counter({
      name: UNMATCHED_TOTAL,
      help: 'Activity events that matched no open draw, routed to the unmatched topic',
      labelNames: ['kind'],
      registers: [registry],
    })
  );
}
