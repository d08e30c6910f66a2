/**
 * @prizedraw/scheduler — turns SCA contests into draws and triggers them: the contest sync defines each
 * contest period as an `sca` draw, and every run triggers the periods that ended in the 7 days before it,
 * once. Runs as a service on cron schedules, or once from `prizedraw scheduler run [--as-of DATE]`.
 *
 * ```ts
 * await runSchedulerOnce(parseConfig(schedulerConfigSchema), new Date('2026-03-09T06:00:00Z'));
 * ```
 */
import { createPool, migrate } from '@prizedraw/compliance-db';
import {
  createEventProducer,
  ensurePipelineTopics,
  type Service,
  startDefinitionsTable,
  topicsOf,
} from '@prizedraw/service';
import { Cron } from 'croner';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { runScheduler, type SchedulerDeps, type SchedulerRun, syncContests } from './adapters/run-scheduler';
import type { SchedulerConfig } from './config';

export {
  type ContestSync,
  runScheduler,
  type SchedulerDeps,
  type SchedulerRun,
  syncContests,
} from './adapters/run-scheduler';
export { type SchedulerConfig, schedulerConfigSchema } from './config';
export { drawDefinitionOf, SCA_PLACEHOLDER_PRIZE } from './processors/draw-definition-of';
export { periodsToDefine } from './processors/periods-to-define';
export { type DueDraw, periodsToTrigger } from './processors/periods-to-trigger';

const SOURCE = '/prizedraw/scheduler';

/** The long-running scheduler: a contest sync at start and on CONTEST_SYNC_CRON, a run on SCHEDULER_CRON. */
export function schedulerService(config: SchedulerConfig): Service {
  return {
    name: 'scheduler',
    async start(context) {
      const pool = createPool(config.MYSQL_URL);
      context.onClose(() => pool.end());
      await migrate(pool);
      const producer = await createEventProducer({
        brokers: config.KAFKA_BROKERS,
        clientId: 'prizedraw-scheduler',
        source: SOURCE,
        logger: context.logger,
      });
      context.onClose(() => producer.close());
      const logger = context.logger.child({ service: 'scheduler' });
      const deps = {
        pool,
        producer,
        definitions: await context.definitions(),
        topics: context.topics,
        logger,
      };
      await syncContests(deps, new Date());
      const options = {
        timezone: config.SCHEDULER_TIMEZONE,
        protect: true,
        catch: (error: unknown) => logger.error({ err: error }, 'scheduled job failed'),
      };
      const jobs = [
        new Cron(config.CONTEST_SYNC_CRON, options, async () => void (await syncContests(deps, new Date()))),
        new Cron(config.SCHEDULER_CRON, options, async () => void (await runScheduler(deps, new Date()))),
      ];
      context.onClose(async () => {
        for (const job of jobs) job.stop();
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
    const table = await startDefinitionsTable({
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
    });
    closers.push(() => producer.close());
    const deps: SchedulerDeps = { pool, producer, definitions: table.definitions, topics, logger };
    return await runScheduler(deps, asOf);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
