import { PIPELINE_EVENT_TYPES, type RunEnd, type ScaExportReady } from '@prizedraw/events';
import { type DrawDefinitions, type Outbound, outbound } from '@prizedraw/service';
import type { KeyValueStore, Processor, ProcessorContext, Record } from '@prizedraw/stream';
import type { CsvEntry } from './entries-csv';

/** Store of the runs seen per SCA draw, one per partition of the runs topic. */
export const SCA_RUNS_STORE = 'sca-runs';
/** Sink of `{brand}.sca.exports`. */
export const EXPORTS_SINK = 'exports';

/**
 * A runs-topic record as this processor needs it: a run-end decoded, a run entry of an SCA draw as the rows
 * it gives the file, anything else by its type only.
 */
export interface RunsRecordValue {
  readonly type: string;
  readonly runEnd?: RunEnd;
  readonly entries?: readonly CsvEntry[];
}

/** Told about every run entry of an SCA draw, in offset order (again after a replay), e.g. to spool it. */
export type OnRunEntries = (drawId: string, offset: string, entries: readonly CsvEntry[]) => void;

/** What the store holds per SCA draw. */
export interface ScaDrawRuns {
  /** Offset of the draw's first record on this runs partition: the export reads from here. */
  fromOffset: string;
  /** Wallet partitions whose run-end arrived, ascending. */
  ended: number[];
  entries: number;
  /** The export-ready record was sent. */
  ready: boolean;
}

/**
 * Watches the runs topic (key drawId, so one draw's runs share one partition) for draws administered by SCA:
 * remembers where each draw's records start, and once the run-end of every wallet partition has arrived,
 * forwards one `sca-export-ready` naming the offset range that holds the whole draw. The export itself (file,
 * FTP, S3) runs outside the stream transaction, in the export worker.
 */
export class ScaRunsProcessor implements Processor<string | null, RunsRecordValue, string | null, Outbound> {
  readonly #definitions: DrawDefinitions;
  readonly #onRunEntries: OnRunEntries | undefined;
  #context!: ProcessorContext<string | null, Outbound>;
  #store!: KeyValueStore<ScaDrawRuns>;

  constructor(definitions: DrawDefinitions, onRunEntries?: OnRunEntries) {
    this.#definitions = definitions;
    this.#onRunEntries = onRunEntries;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#store = context.getStateStore<ScaDrawRuns>(SCA_RUNS_STORE);
  }

  async process(record: Record<string | null, RunsRecordValue>): Promise<void> {
    const drawId = record.key;
    if (drawId === null || this.#definitions.get(drawId)?.administrator !== 'sca') return;
    const metadata = this.#context.recordMetadata();
    if (metadata === undefined) return;
    const seen = await this.#store.get(drawId);
    const runs = seen ?? { fromOffset: metadata.offset, ended: [], entries: 0, ready: false };
    const { runEnd, entries: rows } = record.value;
    if (rows !== undefined && !runs.ready) this.#onRunEntries?.(drawId, metadata.offset, rows);
    if (record.value.type !== PIPELINE_EVENT_TYPES.runEnd || runEnd === undefined || runs.ready) {
      if (seen === undefined) this.#store.put(drawId, runs);
      return;
    }
    if (runs.ended.includes(runEnd.partition)) return;
    const ended = [...runs.ended, runEnd.partition].sort((a, b) => a - b);
    const entries = runs.entries + runEnd.entries;
    const ready = ended.length >= runEnd.partitions;
    this.#store.put(drawId, { ...runs, ended, entries, ready });
    if (!ready) return;
    const data: ScaExportReady = {
      drawId,
      runsPartition: metadata.partition,
      fromOffset: runs.fromOffset,
      toOffset: metadata.offset,
      partitions: runEnd.partitions,
      entries,
    };
    const type = PIPELINE_EVENT_TYPES.scaExportReady;
    await this.#context.forward(
      record.withValue(outbound(type, data, undefined, { id: `${drawId}:export-ready` })),
      EXPORTS_SINK,
    );
  }
}
