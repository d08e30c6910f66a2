import {
  bind,
  type LateTicket,
  PIPELINE_EVENT_TYPES,
  type PrizedrawCloudEvent,
  type RunChunk,
  type RunChunkEntry,
  type RunEnd,
  type RunEntry,
  type ValidatedEvent,
  ValidationError,
  type ValidationIssue,
} from '@prizedraw/events';
import type { DrawDefinitions, Outbound } from '@prizedraw/service';
import { type Processor, type ProcessorContext, Record } from '@prizedraw/stream';
import { DRAW_STORE, DrawStore, runColumnsOf } from '../adapters/draw-store';
import { advanceDraw, type DrawOutput } from './advance-draw';
import { type DrawStatus, newDrawStatus } from './draw-status';
import type { RecordTally } from './record-tally';

/** Sink of `{brand}.draw.results`. */
export const RESULTS_SINK = 'results';
/** Sink of `{brand}.draw.records`. */
export const RECORDS_SINK = 'records';

/** Where a draw's seed comes from (the seed directory); undefined when it has none. */
export type DrawSeedSource = (drawId: string) => Promise<Buffer | undefined>;

/** Options of {@link PrizeDrawProcessor}, validated by the topology factory. */
export interface PrizeDrawProcessorOptions {
  definitions: DrawDefinitions;
  /** The seeds of verifiable draws, revealed in their records. */
  seeds: DrawSeedSource;
  /** The activity topic, whose cut-off offsets a record lists. */
  activityTopic: string;
  /** Run entries walked per punctuation, hence per transaction. */
  sliceSize: number;
  /** Wall-clock interval of the punctuation that advances draws. */
  punctuateEveryMs: number;
  /** Called once per draw skipped because SCA administers it. */
  onSkipped?: (drawId: string) => void;
  /** Called once per draw completed, with its final status and the punctuation's time (for its duration). */
  onCompleted?: (status: DrawStatus, now: number) => void;
}

/**
 * The prize draw of one partition of `{brand}.draw.runs` (key drawId, so one task sees all of a draw).
 * Records store the runs and count run-ends and late tickets; once every wallet partition's run-end is in,
 * a wall-clock punctuation advances the draw one slice per transaction — decide the table prizes, then one
 * result per entrant, then draw-completed — from the progress kept in the store.
 */
export class PrizeDrawProcessor implements Processor<string | null, ValidatedEvent, string | null, Outbound> {
  readonly #options: PrizeDrawProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;
  #store!: DrawStore;
  // Statuses read for run entries, so a million entries do not mean a million store reads. Every status
  // write drops the draw's memo; since a write always precedes any rollback of it, the memo never holds a
  // status the store does not.
  readonly #statusMemo = new Map<string, DrawStatus | undefined>();
  // Per draw being emitted, what its record needs of the results sent so far (advanceDraw keeps it).
  readonly #tallies = new Map<string, RecordTally>();

  constructor(options: PrizeDrawProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#store = new DrawStore(context.getStateStore(DRAW_STORE));
    context.schedule(this.#options.punctuateEveryMs, 'wall-clock', (now) => this.#punctuate(now));
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    switch (event.type) {
      case PIPELINE_EVENT_TYPES.runChunk: {
        const { drawId, partition, firstSeq, entries } = event.data as RunChunk;
        return this.#collectChunk(drawId, partition, firstSeq, entries);
      }
      case PIPELINE_EVENT_TYPES.runEntry: {
        const { drawId, partition, seq, ...entry } = event.data as RunEntry;
        return this.#collectChunk(drawId, partition, seq, [entry]);
      }
      case PIPELINE_EVENT_TYPES.runEnd:
        return this.#collectEnd(event);
      case PIPELINE_EVENT_TYPES.lateTicket:
        return this.#countLate(event.data);
      default:
        throw this.#invalid(event, [
          { path: 'type', message: `${event.type} is not a run chunk or entry, run end or late ticket` },
        ]);
    }
  }

  async #collectChunk(
    drawId: string,
    partition: number,
    firstSeq: number,
    entries: readonly RunChunkEntry[],
  ): Promise<void> {
    if (!this.#statusMemo.has(drawId)) this.#statusMemo.set(drawId, await this.#store.status(drawId));
    const status = this.#statusMemo.get(drawId);
    // A run is complete once its end arrived and frozen once the draw started: repeats change nothing.
    if (status !== undefined && (status.phase !== 'collecting' || hasEnded(status, partition))) return;
    // What the draw needs of an entry; an SCA draw's contest entries are the exporter's business.
    this.#store.putRunChunk(drawId, partition, firstSeq, runColumnsOf(entries));
  }

  async #collectEnd(event: PrizedrawCloudEvent<RunEnd>): Promise<void> {
    const { drawId, partition, partitions, entries, tickets, exclusionsOffset } = event.data;
    const status = (await this.#store.status(drawId)) ?? newDrawStatus(drawId);
    if (status.phase !== 'collecting' || hasEnded(status, partition)) return;
    if (partition >= partitions) {
      throw this.#invalid(event, [
        { path: 'data.partition', message: `Expected below partitions (${partitions})` },
      ]);
    }
    if (status.partitions !== undefined && status.partitions !== partitions) {
      const message = `draw ${drawId} has runs from ${status.partitions} partitions, this run-end says ${partitions}`;
      throw this.#invalid(event, [{ path: 'data.partitions', message }]);
    }
    const runEnd = {
      partition,
      entries,
      tickets,
      ...(exclusionsOffset !== undefined && { exclusionsOffset }),
    };
    const runEnds = [...status.runEnds, runEnd].sort((a, b) => a.partition - b.partition);
    // Every run-end carries the same cut-offs (all markers reached every wallet partition): keep the first.
    const cutoffOffsets = status.cutoffOffsets ?? event.data.cutoffOffsets;
    const collected = { ...status, partitions, runEnds, ...(cutoffOffsets && { cutoffOffsets }) };
    if (runEnds.length < partitions) {
      this.#putStatus(collected);
      return;
    }
    const origin = { time: event.time, timeline: event.timeline };
    this.#putStatus({ ...collected, phase: 'ready', origin });
    this.#store.setActive(drawId, true);
  }

  async #countLate({ drawId, tickets }: LateTicket): Promise<void> {
    const status = (await this.#store.status(drawId)) ?? newDrawStatus(drawId);
    this.#putStatus({ ...status, lateTickets: status.lateTickets + tickets });
  }

  async #punctuate(now: number): Promise<void> {
    this.#statusMemo.clear();
    let budget = this.#options.sliceSize;
    const send = (status: DrawStatus, output: DrawOutput) => this.#send(status, output, now);
    const { definitions, seeds, activityTopic } = this.#options;
    const deps = { store: this.#store, definitions, seeds, activityTopic, send, now, tallies: this.#tallies };
    for (const drawId of await this.#store.activeDraws()) {
      if (budget <= 0) return;
      const status = await this.#store.status(drawId);
      if (status === undefined) throw new Error(`prize-draw: active draw ${drawId} has no status`);
      const advanced = await advanceDraw(deps, status, budget);
      budget -= advanced.walked;
      if (advanced.status !== status) this.#putStatus(advanced.status);
      if (advanced.status.phase === 'completed') {
        this.#store.setActive(drawId, false);
        this.#options.onCompleted?.(advanced.status, now);
      }
      if (advanced.status.phase === 'skipped') {
        this.#store.setActive(drawId, false);
        this.#options.onSkipped?.(drawId);
      }
    }
  }

  #putStatus(status: DrawStatus): void {
    this.#statusMemo.delete(status.drawId);
    this.#store.putStatus(status);
  }

  #send(status: DrawStatus, { key, type, data, id, sink, dataJson }: DrawOutput, now: number): Promise<void> {
    // Results continue the timeline of the run-end that completed the draw (hence of its trigger).
    const value: Outbound = {
      type,
      binder: bind(data, status.origin),
      time: status.origin?.time,
      id,
      dataJson,
    };
    return this.#context.forward(
      new Record(key, value, now),
      sink === 'records' ? RECORDS_SINK : RESULTS_SINK,
    );
  }

  #invalid(event: Pick<PrizedrawCloudEvent, 'id' | 'type'>, issues: ValidationIssue[]): ValidationError {
    return new ValidationError(issues, {
      ...this.#context.recordMetadata(),
      eventId: event.id,
      eventType: event.type,
    });
  }
}

function hasEnded(status: DrawStatus, partition: number): boolean {
  return status.runEnds.some((end) => end.partition === partition);
}
