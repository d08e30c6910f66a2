import { registeredCounter, type ServiceContext } from '@prizedraw/service';

/** Where a failure happened: a whole run, the write that follows a sent trigger, or a contest sync. */
export type SchedulerStep = 'run' | 'record-trigger' | 'contest-sync';

/**
 * The scheduler's Prometheus metrics on `registry` (shared when created twice):
 * `prizedraw_scheduler_runs_total` (runs that completed) and `prizedraw_scheduler_failures_total{step}`
 * (failed attempts, each retried with backoff).
 */
export function schedulerMetrics(registry: ServiceContext['registry']): {
  runs: ReturnType<typeof registeredCounter<never>>;
  failures: ReturnType<typeof registeredCounter<'step'>>;
} {
  return {
    runs: registeredCounter<never>(registry, {
      name: 'prizedraw_scheduler_runs_total',
      help: 'Scheduler runs that completed (contest sync and triggers of the periods that ended)',
    }),
    failures: registeredCounter<'step'>(registry, {
      name: 'prizedraw_scheduler_failures_total',
      help: 'Failed scheduler attempts by step (run, record-trigger, contest-sync); each is retried with backoff',
      labelNames: ['step'],
    }),
  };
}
