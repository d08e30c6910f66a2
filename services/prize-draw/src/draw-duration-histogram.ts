import { endToEndLatencyMs } from '@prizedraw/events';
import { Histogram, type Registry } from 'prom-client';
import type { DrawStatus } from './processors/draw-status';

const NAME = 'prizedraw_prize_draw_duration_seconds';

// A draw of a few hundred entrants takes about a second, a million-entrant one minutes (docs/benchmarks.md).
const BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/**
 * `prizedraw_prize_draw_duration_seconds`: from the draw trigger (the first stamp of the timeline the results
 * continue) to draw-completed, one observation per completed draw. Registered once per registry. Observed when
 * the completing transaction is built, so one aborted and retried counts again (the alert reads a quantile,
 * which a rare repeat barely moves).
 */
export function drawDurationHistogram(registry: Registry): Histogram {
  const existing = registry.getSingleMetric(NAME) as Histogram | undefined;
  return (
    existing ??
    new Histogram({
      name: NAME,
      help: 'Draw trigger to draw-completed, seconds, per completed draw',
      buckets: BUCKETS,
      registers: [registry],
    })
  );
}

/** Observes a completed draw's duration at `now` (epoch ms); a draw without a timeline is not measured. */
export function observeDrawDuration(histogram: Histogram, status: DrawStatus, now: number): void {
  const ms = endToEndLatencyMs(status.origin?.timeline ?? [], now);
  if (!Number.isNaN(ms)) histogram.observe(Math.max(0, ms) / 1000);
}
