import { baseConfigSchema } from '@prizedraw/service';
import { Cron } from 'croner';
import { z } from 'zod';

const cronExpression = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((pattern) => {
      try {
        new Cron(pattern, { paused: true }).stop();
        return true;
      } catch {
        return false;
      }
    }, 'Expected a cron expression, e.g. "0 6 * * 1" (Mondays 06:00)');

/** The scheduler's environment: the shared settings, the compliance database and its two schedules. */
export const schedulerConfigSchema = baseConfigSchema.extend({
  MYSQL_URL: z.string().regex(/^mysql:\/\//, 'Expected mysql://user:password@host:port/database'),
  /** When ended contest periods are triggered; Mondays 06:00 by default, as the legacy scheduler ran. */
  SCHEDULER_CRON: cronExpression('0 6 * * 1'),
  /** When contest periods are (re)defined as draws, so new periods exist before their entries arrive. */
  CONTEST_SYNC_CRON: cronExpression('0 * * * *'),
  /** Time zone of both cron expressions. */
  SCHEDULER_TIMEZONE: z.string().default('UTC'),
});

export type SchedulerConfig = z.output<typeof schedulerConfigSchema>;
