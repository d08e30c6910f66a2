import { PIPELINE_EVENT_TYPES, type RunEnd, type ScaExportReady } from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import { type KeyValueStore, type Processor, type ProcessorContext, Record } from '@prizedraw/stream';
import type { Logger } from 'pino';
import type { RunRows } from './csv-entries-of-run';
import type { ScaDraws } from './sca-draws';

/** Store of the runs seen per draw, one per partition of the runs topic. */
export const SCA_RUNS_STORE = 'sca-runs';
/** Sink of `{brand}.sca.exports`. */
export const EXPORTS_SINK = 'exports';
/** How often (wall clock) complete draws whose definition was missing are looked at again, ms. */
const UNDECIDED_CHECK_MS = 1_000;

/**
 * A runs-topic record as this processor needs it: a run-end decoded, a run record of a draw known as SCA's
 * as the rows it gives the file, anything else by its type only.
 */
export interface RunsRecordValue {
  readonly type: string;
  readonly runEnd?: RunEnd;
  readonly run?: RunRows;
}

/** Told about every run record of an SCA draw, in offset order (again after a replay), e.g. to spool it. */
export type OnRunEntries = (drawId: string, offset: string, run: RunRows) => void;

/** What the store holds per draw while its runs arrive, and per SCA draw after. */
export interface ScaDrawRuns {
  /** Offset of the draw's first record on this runs partition: the export reads from here. */
  fromOffset: string;
  /** Wallet partitions whose run-end arrived, ascending. */
  ended: number[];
  entries: number;
  /**
   * Every run has ended but the draw was not in this process's definitions table: the export-ready record
   * it gets if the definition, once there, names SCA as its administrator.
   */
  undecided?: ScaExportReady;
  /** The export-ready record was sent. */
  ready: boolean;
}

/**
 * Watches the runs topic (key drawId, so one draw's runs share one partition) for draws administered by SCA:
 * remembers where each draw's records start, and once the run-end of every wallet partition has arrived,
 * forwards one `sca-export-ready` naming the offset range that holds the whole draw. The export itself (file,
 * FTP, S3) runs outside the stream transaction, in the export worker.
 *
 * Every draw's start is remembered, whatever the definitions table says, because the table is read apart
 * from the runs and may not have a draw yet when its first records pass: a range that started at the first
 * record after the definition arrived would leave the earlier entries out of the file. Whether the draw is
 * SCA's is decided once its runs are complete; if its definition is still missing then, the draw waits in
 * the store and is decided when the definition arrives.
 */
export class ScaRunsProcessor implements Processor<string | null, RunsRecordValue, string | null, Outbound> {
  readonly #definitions: ScaDraws;
  readonly #onRunEntries: OnRunEntries | undefined;
  readonly #logger: Logger | undefined;
  #context!: ProcessorContext<string | null, Outbound>;
  #store!: KeyValueStore<ScaDrawRuns>;
  // The table version the store was last looked through at for undecided draws; none yet, as a restored
  // store may hold some.
  #lookedAt = -1;

  constructor(definitions: ScaDraws, onRunEntries?: OnRunEntries, logger?: Logger) {
    this.#definitions = definitions;
    this.#onRunEntries = onRunEntries;
    this.#logger = logger;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#store = context.getStateStore<ScaDrawRuns>(SCA_RUNS_STORE);
    context.schedule(UNDECIDED_CHECK_MS, 'wall-clock', (now) => this.#decideUndecided(now));
  }

  async process(record: Record<string | null, RunsRecordValue>): Promise<void> {
    const drawId = record.key;
    const metadata = this.#context.recordMetadata();
    if (drawId === null || metadata === undefined) return;
    const seen = await this.#store.get(drawId);
    if (seen?.ready || seen?.undecided) return;
    const runs = seen ?? { fromOffset: metadata.offset, ended: [], entries: 0, ready: false };
    const { runEnd, run } = record.value;
    if (run !== undefined) this.#onRunEntries?.(drawId, metadata.offset, run);
    if (record.value.type !== PIPELINE_EVENT_TYPES.runEnd || runEnd === undefined) {
      if (seen === undefined) this.#store.put(drawId, runs);
      return;
    }
    if (runs.ended.includes(runEnd.partition)) return;
    const ended = [...runs.ended, runEnd.partition].sort((a, b) => a - b);
    const entries = runs.entries + runEnd.entries;
    if (ended.length < runEnd.partitions) {
      this.#store.put(drawId, { ...runs, ended, entries });
      return;
    }
    const ready: ScaExportReady = {
      drawId,
      runsPartition: metadata.partition,
      fromOffset: runs.fromOffset,
      toOffset: metadata.offset,
      partitions: runEnd.partitions,
      entries,
    };
    await this.#decide({ ...runs, ended, entries }, ready, record.timestamp);
  }

  /** A draw whose runs are complete: exported if SCA's, forgotten if not, kept undecided if unknown. */
  async #decide(runs: ScaDrawRuns, ready: ScaExportReady, timestamp: number): Promise<void> {
    const { drawId } = ready;
    const administrator = this.#definitions.get(drawId)?.administrator;
    if (administrator === undefined) {
      this.#logger?.warn(
        { drawId },
        'runs of a draw complete before its definition reached this process: decided once it does',
      );
      this.#store.put(drawId, { ...runs, undecided: ready });
      return;
    }
    if (administrator !== 'sca') {
      this.#store.delete(drawId);
      return;
    }
    const { fromOffset, ended, entries } = runs;
    this.#store.put(drawId, { fromOffset, ended, entries, ready: true });
    const type = PIPELINE_EVENT_TYPES.scaExportReady;
    const value = outbound(type, ready, undefined, { id: `${drawId}:export-ready` });
    await this.#context.forward(new Record<string | null, Outbound>(drawId, value, timestamp), EXPORTS_SINK);
  }

  /** Decides the undecided draws whose definition has arrived; looks only after the table changed. */
  async #decideUndecided(now: number): Promise<void> {
    const version = this.#definitions.version();
    if (version === this.#lookedAt) return;
    this.#lookedAt = version;
    const undecided: ScaDrawRuns[] = [];
    for await (const [, runs] of this.#store.range()) if (runs.undecided) undecided.push(runs);
    for (const runs of undecided) {
      const ready = runs.undecided!;
      if (this.#definitions.get(ready.drawId) !== undefined) await this.#decide(runs, ready, now);
    }
  }
}
