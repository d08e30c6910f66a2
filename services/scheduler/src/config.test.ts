import { parseConfig } from '@prizedraw/service';
import { schedulerConfigSchema } from './config';

const env = { MYSQL_URL: 'mysql://prizedraw:prizedraw@127.0.0.1:3307/aramis' };

describe('scheduler configuration', () => {
  it('when nothing is set but the database, then it runs Mondays at 06:00 and syncs hourly, in UTC', () => {
    expect(parseConfig(schedulerConfigSchema, env)).toMatchObject({
      SCHEDULER_CRON: '0 6 * * 1',
      CONTEST_SYNC_CRON: '0 * * * *',
      SCHEDULER_TIMEZONE: 'UTC',
    });
  });

  it('when a cron expression is not one, then the error names the variable', () => {
    expect(() => parseConfig(schedulerConfigSchema, { ...env, SCHEDULER_CRON: 'every monday' })).toThrow(
      /SCHEDULER_CRON: Expected a cron expression.*"every monday"/,
    );
  });
});
