import { runSchedulerOnce, schedulerConfigSchema } from '@prizedraw/scheduler';
import { parseConfig } from '@prizedraw/service';
import { say } from '../output';

/**
 * `prizedraw scheduler run [--as-of DATE]`: defines the contests' periods as SCA draws and triggers every
 * period that ended in the 7 days before DATE (default now) and was not triggered before. Prints what it
 * defined, triggered and skipped; bad contest rows are listed with their id and reason.
 */
export async function schedulerRun(asOf?: string): Promise<void> {
  const instant = asOf === undefined ? new Date() : new Date(asOf);
  if (Number.isNaN(instant.getTime())) throw new Error(`--as-of: expected an ISO-8601 date, got ${asOf}`);
  const run = await runSchedulerOnce(parseConfig(schedulerConfigSchema), instant);
  say(`scheduler run as of ${instant.toISOString()}`);
  say(`defined ${run.defined.length} draw(s)${run.defined.length ? `: ${run.defined.join(', ')}` : ''}`);
  say(
    `triggered ${run.triggered.length} draw(s)${run.triggered.length ? `: ${run.triggered.join(', ')}` : ''}`,
  );
  say(`already triggered: ${run.alreadyTriggered.length}`);
  for (const bad of run.rejected) say(`contest ${bad.contestId} skipped: ${bad.reason}`);
}
