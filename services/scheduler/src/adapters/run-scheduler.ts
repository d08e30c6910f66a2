import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import { ContestRepository, type RejectedContest, TriggerRepository } from '@prizedraw/compliance-db';
import type { Contest } from '@prizedraw/contests';
import { type DrawDefined, EVENT_TYPES, type TopicNames } from '@prizedraw/events';
import type { EventProducer } from '@prizedraw/service';
import type { Logger } from 'pino';
import { drawDefinitionOf } from '../processors/draw-definition-of';
import { periodsToDefine } from '../processors/periods-to-define';
import { periodsToTrigger } from '../processors/periods-to-trigger';
import type { DefinitionDigests } from './definition-digests';

// Definitions per send: a definition's record is ~750 bytes, so a send stays under 1 MiB even in one partition.
const DEFINITIONS_PER_SEND = 500;
// Draw ids a sync logs at most.
const LOGGED_IDS = 100;

/** What {@link runScheduler} and {@link syncContests} need. */
export interface SchedulerDeps {
  pool: ComplianceDbPool;
  producer: EventProducer;
  /** What the definitions topic has, to define only what is new or changed. */
  definitions: DefinitionDigests;
  topics: TopicNames;
  logger: Logger;
  /**
   * Runs a database write that must follow a trigger Kafka already has: the service retries it until the
   * database is back (so the trigger is not sent a second time); without it the write is tried once.
   */
  retry?: <T>(what: string, operation: () => Promise<T>) => Promise<T>;
}

/** What a contest sync did. */
export interface ContestSync {
  contests: Contest[];
  /** Draw ids (re)defined because they were new or changed. */
  defined: string[];
  /** Contest rows that cannot be used, with the reason; skipped. */
  rejected: RejectedContest[];
}

/** What a scheduler run did. */
export interface SchedulerRun extends ContestSync {
  triggered: string[];
  alreadyTriggered: string[];
}

/**
 * Defines every period of every active contest, from its start to the current and next period at `asOf`, as
 * an SCA draw on the definitions topic; a draw defined the same way already is not sent again. Bad contest
 * rows are logged with their id and reason and skipped.
 */
export async function syncContests(deps: SchedulerDeps, asOf: Date): Promise<ContestSync> {
  const { contests, rejected } = await new ContestRepository(deps.pool).listContests();
  for (const bad of rejected) deps.logger.warn(bad, 'contest row skipped');
  const active = contests.filter((contest) => contest.active);
  // Period by period, sending every DEFINITIONS_PER_SEND changed ones: all periods of 2,000 contests at once
  // (130,000 periods, then as many definitions) held ~100 MiB, above the deployed heap (96 MiB); and one send
  // of them all was a record batch per partition far above the broker's message.max.bytes (1 MiB by
  // default), refused every time.
  const defined: string[] = [];
  let pending: DrawDefined[] = [];
  const send = async () => {
    const events = pending.map((data) => ({ type: EVENT_TYPES.drawDefined, key: data.drawId, data }));
    pending = [];
    await deps.producer.send(deps.topics.definitions, events);
  };
  for (const contest of active) {
    for (const period of periodsToDefine(contest, asOf)) {
      const draw = drawDefinitionOf(contest, period);
      if (deps.definitions.has(draw)) continue;
      pending.push(draw);
      defined.push(draw.drawId);
      if (pending.length === DEFINITIONS_PER_SEND) await send();
    }
  }
  if (pending.length > 0) await send();
  // The first ids and the count: a first sync of many contests defines a hundred thousand draws, one log line.
  if (defined.length > 0)
    deps.logger.info(
      { count: defined.length, defined: defined.slice(0, LOGGED_IDS) },
      'contest periods defined as draws',
    );
  return { contests: active, defined, rejected };
}

/**
 * One scheduler run as of `asOf`: syncs the contests, then triggers every period of an active contest that
 * ended within the 7 days before `asOf` and was not triggered yet, recording each trigger once Kafka has it.
 */
export async function runScheduler(deps: SchedulerDeps, asOf: Date): Promise<SchedulerRun> {
  const sync = await syncContests(deps, asOf);
  const due = periodsToTrigger(sync.contests, asOf);
  const log = new TriggerRepository(deps.pool);
  const already = await log.triggered(due.map((draw) => draw.drawId));
  const triggered: string[] = [];
  const retry = deps.retry ?? ((_what, operation) => operation());
  for (const draw of due.filter((d) => !already.has(d.drawId))) {
    const trigger = { type: EVENT_TYPES.drawTrigger, key: draw.drawId, data: { drawId: draw.drawId } };
    await deps.producer.send(deps.topics.triggers, [trigger]);
    await retry(`recording the trigger of ${draw.drawId}`, () =>
      log.record(draw.drawId, draw.contestId, asOf),
    );
    triggered.push(draw.drawId);
  }
  deps.logger.info({ asOf: asOf.toISOString(), triggered, alreadyTriggered: [...already] }, 'scheduler ran');
  return { ...sync, triggered, alreadyTriggered: [...already] };
}
