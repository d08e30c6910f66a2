import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComplianceDbPool, createPool } from '@prizedraw/compliance-db';
import { decodeEvent } from '@prizedraw/events';
import { parseConfig, type RunningServices, runServices, topicsOf } from '@prizedraw/service';
import { readAll, uniqueName } from '../../../test/support/kafka';
import { type PrivateMariaDb, startPrivateMariaDb } from '../../../test/support/private-mariadb';
import { waitUntil } from '../../../test/support/wait-until';
import { runSchedulerOnce, type SchedulerConfig, schedulerConfigSchema, schedulerService } from '../src';
import { insertDailyContests, metric, recordedTriggers } from './support/scheduler-fixtures';

/** How many trigger records the triggers topic holds per draw id. */
async function triggersSent(config: SchedulerConfig): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const message of await readAll(topicsOf(config).triggers)) {
    const { drawId } = decodeEvent(message).data as { drawId: string };
    counts.set(drawId, (counts.get(drawId) ?? 0) + 1);
  }
  return counts;
}

// The scheduler against a MariaDB of this file's own, crashed and restarted (never the shared server).
describe('scheduler when MariaDB is down (real servers)', () => {
  let mariadb: PrivateMariaDb;
  let pool: ComplianceDbPool;
  let work: string;
  let running: RunningServices | undefined;

  beforeEach(async () => {
    mariadb = await startPrivateMariaDb();
    pool = createPool(mariadb.url, { connectionLimit: 2 });
    work = await mkdtemp(join(tmpdir(), 'scheduler-faults-'));
  }, 60_000);
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await pool.end();
    await mariadb.close();
    await rm(work, { recursive: true, force: true });
  }, 60_000);

  function configOf(): SchedulerConfig {
    return parseConfig(schedulerConfigSchema, {
      ...process.env,
      BRAND: uniqueName('sched-fault'),
      MYSQL_URL: mariadb.url,
      STATE_DIR: join(work, 'state'),
      HTTP_PORT: '0',
      // A run every second: the test sees runs fail during the outage and succeed after it.
      SCHEDULER_CRON: '* * * * * *',
      LOG_LEVEL: 'silent',
    });
  }

  /**
   * Waits until `periods` triggers are recorded and two more runs completed (they find every period triggered
   * already), then checks that the triggers topic holds each recorded period exactly once.
   */
  async function expectEachTriggeredOnce(config: SchedulerConfig, periods: number): Promise<void> {
    await waitUntil(
      `${periods} recorded triggers`,
      async () => (await recordedTriggers(pool)).length >= periods,
      {
        timeoutMs: 60_000,
      },
    );
    const succeeded = await metric(running!, 'prizedraw_scheduler_runs_total');
    await waitUntil(
      'two more runs',
      async () => (await metric(running!, 'prizedraw_scheduler_runs_total')) >= succeeded + 2,
    );
    const sent = await triggersSent(config);
    expect(sent.size).toBe(periods);
    expect([...sent.keys()].sort()).toEqual((await recordedTriggers(pool)).sort());
    expect([...sent.entries()].filter(([, count]) => count !== 1)).toEqual([]);
  }

  it('when MariaDB is down as the service starts, then the service stays up and triggers each ended period once after MariaDB returns', async () => {
    await insertDailyContests(pool, 2, uniqueName('down-at-start'));
    const config = configOf();
    await mariadb.crash();
    running = await runServices([schedulerService(config)], config);
    await waitUntil(
      'two failed runs',
      async () => (await metric(running!, 'prizedraw_scheduler_failures_total', '{step="run"}')) >= 2,
    );
    expect(await triggersSent(config)).toEqual(new Map());

    await mariadb.startAgain();
    await expectEachTriggeredOnce(config, 14);
  }, 110_000);

  it('when MariaDB goes down in the middle of a run, then each ended period is still triggered exactly once', async () => {
    // 350 periods to trigger: a run long enough to crash the server half-way through it.
    await insertDailyContests(pool, 50, uniqueName('mid-run'));
    const config = configOf();
    running = await runServices([schedulerService(config)], config);
    await waitUntil('the run to be half-way', async () => (await recordedTriggers(pool)).length >= 100, {
      everyMs: 10,
    });
    await mariadb.crash();
    await waitUntil(
      'a failure to be seen',
      async () => (await metric(running!, 'prizedraw_scheduler_failures_total')) >= 1,
    );
    await mariadb.startAgain();
    await expectEachTriggeredOnce(config, 350);
  }, 110_000);

  it('when MariaDB is down for `scheduler run`, then it fails with a message naming the compliance database', async () => {
    const config = configOf();
    await mariadb.crash();
    await expect(runSchedulerOnce(config, new Date())).rejects.toThrow(
      /scheduler run as of .* failed: the compliance database at 127\.0\.0\.1:\d+ is unreachable .*ECONNREFUSED.*run it again/,
    );
  }, 60_000);
});
