/**
 * @prizedraw/scheduler — turns SCA contests into draws and triggers them: the contest sync defines each
 * contest period as an `sca` draw, and every run triggers the periods that ended in the 7 days before it,
 * once. Runs as a service on cron schedules, or once from `prizedraw scheduler run [--as-of DATE]`.
 *
 * ```ts
 * await runSchedulerOnce(parseConfig(schedulerConfigSchema), new Date('2026-03-09T06:00:00Z'));
 * ```
 */
import { createPool, migrate, migrateOnce } from '@prizedraw/compliance-db';
import { createDataCodec } from '@prizedraw/events';
import {
  createEventProducer,
  ensurePipelineTopics,
  retryWithBackoff,
  type Service,
  topicsOf,
} from '@prizedraw/service';
import { Cron } from 'croner';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { startDefinitionDigests } from './adapters/definition-digests';
import { runScheduler, type SchedulerDeps, type SchedulerRun, syncContests } from './adapters/run-scheduler';
import { ScheduledRuns } from './adapters/scheduled-runs';
import { type SchedulerStep, schedulerMetrics } from './adapters/scheduler-metrics';
import { SchedulerRunError } from './adapters/scheduler-run-error';
import type { SchedulerConfig } from './config';

export {
  type ContestSync,
  runScheduler,
  type SchedulerDeps,
  type SchedulerRun,
  syncContests,
} from './adapters/run-scheduler';
export { ScheduledRuns, type ScheduledRunsOptions } from './adapters/scheduled-runs';
export { SchedulerRunError } from './adapters/scheduler-run-error';
export { type SchedulerConfig, schedulerConfigSchema } from './config';
export { drawDefinitionOf, SCA_PLACEHOLDER_PRIZE } from './processors/draw-definition-of';
export { periodsToDefine } from './processors/periods-to-define';
export { type DueDraw, periodsToTrigger } from './processors/periods-to-trigger';

const SOURCE = '/prizedraw/scheduler';

/**
 * The long-running scheduler: a contest sync at start and on CONTEST_SYNC_CRON, a run on SCHEDULER_CRON.
 * It starts and stays up while the compliance database or Kafka is down: every sync and run is retried
 * with backoff until it succeeds (see {@link ScheduledRuns}), failures are logged and counted.
 */
export function schedulerService(config: SchedulerConfig): Service {
  return {
    name: 'scheduler',
    async start(context) {
      const logger = context.logger.child({ service: 'scheduler' });
      const pool = createPool(config.MYSQL_URL);
      context.onClose(() => pool.end());
      const producer = await createEventProducer({
        brokers: config.KAFKA_BROKERS,
        clientId: 'prizedraw-scheduler',
        source: SOURCE,
        logger: context.logger,
        dataCodec: context.dataCodec,
      });
      context.onClose(() => producer.close());
      const metrics = schedulerMetrics(context.registry);
      const stopping = new AbortController();
      const retry = <T>(step: SchedulerStep, what: string, operation: () => Promise<T>) =>
        retryWithBackoff(operation, {
          what,
          logger,
          signal: stopping.signal,
          onFailure: () => metrics.failures.inc({ step }),
        });
      const migrated = migrateOnce(pool);
      const topic = { topic: context.topics.definitions, brokers: config.KAFKA_BROKERS, logger };
      const table = await startDefinitionDigests(topic);
      context.onClose(table.close);
      const deps: SchedulerDeps = {
        pool,
        producer,
        definitions: table.digests,
        topics: context.topics,
        logger,
        retry: (what, operation) => retry('record-trigger', what, operation),
      };
      const sync = () =>
        retry('contest-sync', 'contest sync', async () => {
          await migrated();
          return syncContests(deps, new Date());
        });
      const runs = new ScheduledRuns({
        run: async (asOf) => {
          await migrated();
          await runScheduler(deps, asOf);
          metrics.runs.inc();
        },
        retry: (what, operation) => retry('run', what, operation),
      });
      // Not awaited: with the database down the service still starts, and syncs once it is back.
      const firstSync = sync().catch(() => undefined);
      const options = { timezone: config.SCHEDULER_TIMEZONE, protect: true };
      const jobs = [
        new Cron(config.CONTEST_SYNC_CRON, options, async () => void (await sync().catch(() => undefined))),
        new Cron(config.SCHEDULER_CRON, options, () => runs.add(new Date())),
      ];
      context.onClose(async () => {
        for (const job of jobs) job.stop();
        stopping.abort();
        await firstSync;
        await runs.idle();
      });
    },
  };
}

/** One scheduler run as of `asOf`, then everything closed: `prizedraw scheduler run`. */
export async function runSchedulerOnce(config: SchedulerConfig, asOf: Date): Promise<SchedulerRun> {
  const logger = pino({ level: config.LOG_LEVEL });
  const topics = topicsOf(config);
  const pool = createPool(config.MYSQL_URL);
  const closers: (() => Promise<void>)[] = [() => pool.end()];
  try {
    await migrate(pool);
    const admin = new Kafka({ brokers: config.KAFKA_BROKERS, logLevel: logLevel.ERROR }).admin();
    await admin.connect();
    await ensurePipelineTopics(admin, config).finally(() => admin.disconnect());
    const table = await startDefinitionDigests({
      topic: topics.definitions,
      brokers: config.KAFKA_BROKERS,
      logger,
    });
    closers.push(table.close);
    const producer = await createEventProducer({
      brokers: config.KAFKA_BROKERS,
      clientId: 'prizedraw-scheduler',
      source: SOURCE,
      logger,
      dataCodec: await createDataCodec({ schemaRegistryUrl: config.SCHEMA_REGISTRY_URL }),
    });
    closers.push(() => producer.close());
    const deps: SchedulerDeps = { pool, producer, definitions: table.digests, topics, logger };
    return await runScheduler(deps, asOf);
  } catch (error) {
    throw new SchedulerRunError(asOf, config.MYSQL_URL, error);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
