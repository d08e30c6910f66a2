import type { Counter, Registry } from 'prom-client';
import { registeredCounter } from './registered-counter';

/** The counters of {@link Parking}, labelled by the stage that parks (`ingestion`, `enrichment`). */
export interface ParkingMetrics {
  /** `prizedraw_parking_parked_total{stage,type}`: records parked for want of a known open draw. */
  readonly parked: Counter<'stage' | 'type'>;
  /** `prizedraw_parking_released_total{stage}`: parked records released once a draw of theirs was known. */
  readonly released: Counter<'stage'>;
  /** `prizedraw_parking_expired_total{stage,type}`: parked records whose retention passed (unmatched). */
  readonly expired: Counter<'stage' | 'type'>;
}

/**
 * The parking counters of `registry`, registered once. Counted when processed, so a batch retried after an
 * aborted transaction counts again.
 */
export function parkingMetrics(registry: Registry): ParkingMetrics {
  return {
    parked: registeredCounter(registry, {
      name: 'prizedraw_parking_parked_total',
      help: 'Activity records parked because no known draw of their promotion was open at their time',
      labelNames: ['stage', 'type'],
    }),
    released: registeredCounter(registry, {
      name: 'prizedraw_parking_released_total',
      help: 'Parked activity records released once a draw they count for was defined',
      labelNames: ['stage'],
    }),
    expired: registeredCounter(registry, {
      name: 'prizedraw_parking_expired_total',
      help: 'Parked activity records whose retention passed without a draw; sent to the unmatched topic',
      labelNames: ['stage', 'type'],
    }),
  };
}
