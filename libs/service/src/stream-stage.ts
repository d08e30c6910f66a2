import { type KafkaStreams, Topology } from '@prizedraw/stream';
import type { Service, ServiceContext, StreamsTuning } from './run-services';

/**
 * A service that is one stream application, in two halves so that several can run as one: how its
 * topology is built, and what it does with the application that runs it.
 */
export interface StreamStage {
  /** The application is `prizedraw-<brand>-<name>` when the stage runs apart. */
  readonly name: string;
  topology(context: ServiceContext): Topology | Promise<Topology>;
  readonly tuning?: StreamsTuning;
  /** Called with the application that holds the stage's stores: its own, or the fused one. */
  started?(context: ServiceContext, streams: KafkaStreams): void;
}

/** A {@link Service} that runs one {@link StreamStage}, which {@link fusedService} can take instead. */
export interface StageService extends Service {
  readonly stage: StreamStage;
}

/** Runs `stage` as an application of its own. */
export function stageService(stage: StreamStage): StageService {
  return {
    name: stage.name,
    stage,
    async start(context) {
      const streams = await context.startStreams(stage.name, await stage.topology(context), stage.tuning);
      stage.started?.(context, streams);
    },
  };
}

/**
 * Runs `stages`, keyed alike and in pipeline order, as one application `prizedraw-<brand>-<name>`
 * (Topology.fuse): one task per partition and one transaction per input batch for all of them, each
 * stage's output topic still written. docs/stream-runtime.md, "Fused stages".
 */
export function fusedService(name: string, stages: readonly StreamStage[]): Service {
  return {
    name,
    async start(context) {
      const parts: Topology[] = [];
      for (const stage of stages) parts.push(await stage.topology(context));
      const streams = await context.startStreams(name, Topology.fuse(parts), fusedTuning(stages));
      for (const stage of stages) stage.started?.(context, streams);
    },
  };
}

/**
 * The tuning of stages run as one application: the most patient transaction timeout (a wallet's draw run) and
 * the most frequent punctuation check. A stage's fetch size is for it apart: the fused task's batches are of
 * the pipeline's input, and the wallet's 512 KiB made the fused pipeline ~9 % dearer per event
 * (docs/benchmarks.md, "the wallet's fetches").
 */
export function fusedTuning(stages: readonly StreamStage[]): StreamsTuning {
  const tunings = stages.flatMap((stage) => (stage.tuning ? [stage.tuning] : []));
  const most = (values: (number | undefined)[], pick: (...n: number[]) => number) => {
    const given = values.filter((v) => v !== undefined);
    return given.length === 0 ? undefined : pick(...given);
  };
  const transactionTimeoutMs = most(
    tunings.map((t) => t.transactionTimeoutMs),
    Math.max,
  );
  const punctuationCheckMs = most(
    tunings.map((t) => t.punctuationCheckMs),
    Math.min,
  );
  return {
    ...(transactionTimeoutMs !== undefined && { transactionTimeoutMs }),
    ...(punctuationCheckMs !== undefined && { punctuationCheckMs }),
  };
}
