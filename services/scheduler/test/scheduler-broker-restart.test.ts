import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent } from '@prizedraw/events';
import { parseConfig, type RunningServices, runServices, topicsOf } from '@prizedraw/service';
import type { TestDatabase } from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { readAll, uniqueName } from '../../../test/support/kafka';
import { PrivateKafkaBroker } from '../../../test/support/private-kafka-broker';
import { waitUntil } from '../../../test/support/wait-until';
import { type SchedulerConfig, schedulerConfigSchema, schedulerService } from '../src';
import { insertDailyContests, metric, recordedTriggers } from './support/scheduler-fixtures';

// The scheduler service on a broker of this file's own, crashed in the middle of a run and stopped cleanly
// between runs; the compliance database is a fresh one on the shared MariaDB.
describe('scheduler while the broker restarts', () => {
  let broker: PrivateKafkaBroker;
  let db: TestDatabase;
  let work: string;
  let running: RunningServices | undefined;

  beforeEach(async () => {
    broker = await PrivateKafkaBroker.start();
    db = await freshDatabase();
    work = await mkdtemp(join(tmpdir(), 'scheduler-broker-'));
  }, 90_000);
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await db.drop();
    await broker.close();
    await rm(work, { recursive: true, force: true });
  }, 60_000);

  it('when the broker crashes in the middle of a run and is down across later runs, then the runs are retried and every ended period is triggered and recorded once', async () => {
    const prefix = uniqueName('broker-restart');
    // 210 periods to trigger, one send each: a run long enough to crash the broker inside it.
    await insertDailyContests(db.pool, 30, `${prefix}-a`);
    const config: SchedulerConfig = parseConfig(schedulerConfigSchema, {
      ...process.env,
      KAFKA_BROKERS: broker.brokers.join(','),
      BRAND: uniqueName('sched-broker'),
      MYSQL_URL: db.url,
      STATE_DIR: join(work, 'state'),
      HTTP_PORT: '0',
      SCHEDULER_CRON: '* * * * * *',
      LOG_LEVEL: 'silent',
    });
    const service = await runServices([schedulerService(config)], config);
    running = service;
    const failures = () => metric(service, 'prizedraw_scheduler_failures_total');
    const runs = () => metric(service, 'prizedraw_scheduler_runs_total');

    await waitUntil('the run to be under way', async () => (await recordedTriggers(db.pool)).length >= 30, {
      everyMs: 10,
    });
    await broker.stop('SIGKILL');
    await waitUntil('a failure to be seen', async () => (await failures()) >= 1, { timeoutMs: 45_000 });
    await broker.startAgain();
    await waitUntil(
      'the first contests triggered',
      async () => (await recordedTriggers(db.pool)).length >= 210,
      {
        timeoutMs: 90_000,
      },
    );

    // Down cleanly between runs, with new contests arriving meanwhile: runs fail until it is back.
    const failed = await failures();
    await broker.stop('SIGTERM');
    await insertDailyContests(db.pool, 10, `${prefix}-b`);
    await waitUntil('two failures while the broker is down', async () => (await failures()) >= failed + 2, {
      timeoutMs: 45_000,
    });
    await broker.startAgain();
    await waitUntil('every contest triggered', async () => (await recordedTriggers(db.pool)).length >= 280, {
      timeoutMs: 90_000,
    });
    const succeeded = await runs();
    await waitUntil('two more runs', async () => (await runs()) >= succeeded + 2, { timeoutMs: 30_000 });

    const recorded = await recordedTriggers(db.pool);
    expect(new Set(recorded).size).toBe(280);
    const sent = (await readAll(topicsOf(config).triggers, broker.client())).map(
      (message) => (decodeEvent(message).data as { drawId: string }).drawId,
    );
    const inKafka = new Set(sent);
    expect(recorded.filter((drawId) => !inKafka.has(drawId))).toEqual([]);
    expect([...inKafka].filter((drawId) => !recorded.includes(drawId))).toEqual([]);
    // A trigger whose send failed after reaching the broker is sent again by the retried run (a repeated
    // trigger draws once): at most one repeat per failed attempt.
    expect(sent.length - inKafka.size).toBeLessThanOrEqual(await failures());
  }, 300_000);
});
