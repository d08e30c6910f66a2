import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/**
 * `prizedraw_enrichment_unmatched_total{kind}`: activities enrichment sent to the unmatched topic (their
 * parking expired without a draw this process knows). Registered once per
 * registry (a second topology on the same registry shares it). Counted when processed, so a batch retried
 * after an aborted transaction counts again; the records on the unmatched topic are the exact figure.
 */
export function unmatchedCounter(registry: Registry): Counter<'kind'> {
  return registeredCounter(registry, {
    name: 'prizedraw_enrichment_unmatched_total',
    help: 'Activity events whose parking at enrichment expired without a draw, routed to the unmatched topic',
    labelNames: ['kind'],
  });
}
