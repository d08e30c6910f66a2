import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/** The decisions service's metrics. */
export interface DecisionsMetrics {
  /** `prizedraw_decisions_total{event_type,outcome}`: outcome is the matching rule's id or NO_DECISION. */
  readonly decisions: Counter<'event_type' | 'outcome'>;
}

/** Registers (once per registry) the decisions metrics. */
export function decisionsMetrics(registry: Registry): DecisionsMetrics {
  return {
    decisions: registeredCounter(registry, {
      name: 'prizedraw_decisions_total',
      help: 'Decisions answered, by event type and outcome (the rule that matched, or NO_DECISION)',
      labelNames: ['event_type', 'outcome'],
    }),
  };
}
