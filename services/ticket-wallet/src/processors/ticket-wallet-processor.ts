import {
  ACTIVITY_PARTITION_ATTRIBUTE,
  type CustomerExclusion,
  type DrawMarker,
  EVENT_TYPES,
  type LateTicket,
  PIPELINE_EVENT_TYPES,
  type PrizedrawCloudEvent,
  type RunChunk,
  type RunChunkEntry,
  type RunEnd,
  type TicketsGranted,
  type ValidatedEvent,
  ValidationError,
  type ValidationIssue,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';
import { WALLET_STORE, type WalletDraw, WalletStore } from '../adapters/wallet-store';
import { derivedTickets } from './derived-tickets';
import { keepBestTickets, type RandomBytes } from './keep-best-tickets';
import { RunChunker } from './run-chunker';

/** Sink of the runs topic (`{brand}.draw.runs`, key drawId). */
export const RUNS_SINK = 'runs';
/** Sink of the late-tickets topic (`{brand}.draw.late-tickets`, key customer). */
export const LATE_TICKETS_SINK = 'late-tickets';

type Input = Record<string | null, ValidatedEvent | null>;

/** Runs a run's sending when the runs sent before it (by any partition of the process) are done. */
export type RunQueue = <T>(send: () => Promise<T>) => Promise<T>;

/** Where a draw's seed comes from (the seed directory); undefined: the draw has none, tickets are random. */
export type SeedSource = (drawId: string) => Promise<Buffer | undefined>;
type Event<T> = PrizedrawCloudEvent<T>;

const NEW_DRAW: WalletDraw = { markers: [], drawn: false, customers: 0, tickets: 0, lateTickets: 0 };

/**
 * The ticket wallet of one partition of `{brand}.tickets`. A grant becomes ticket values (derived from the
 * draw's seed when it has one, random otherwise) of which
 * each customer keeps only the k best (k = maxWinsPerCustomer) and a count. Once the marker of a draw has
 * arrived from every source partition, the partition's run goes out once, highest ticket first, closed by
 * a run-end. Tickets for a draw already drawn, or whose activity came through an activity partition whose
 * marker has arrived, are reported as late, on their own topic and in the runs.
 * Customer exclusions (a second source, co-partitioned) are kept as they come; a run marks the entries of
 * the customers excluded when it is sent, so the draw gives them no prize.
 */
export class TicketWalletProcessor
  implements Processor<string | null, ValidatedEvent | null, string | null, Outbound>
{
  readonly #randomBytes: RandomBytes;
  readonly #seedSource: SeedSource;
  // Seeds never change once created: read each draw's once per processor.
  readonly #seeds = new Map<string, Promise<Buffer | undefined>>();
  #context!: ProcessorContext<string | null, Outbound>;
  #store!: WalletStore;

  readonly #exclusionsTopic: string;
  readonly #runQueue: RunQueue;

  constructor(
    randomBytes: RandomBytes,
    seedSource: SeedSource,
    exclusionsTopic: string,
    runQueue: RunQueue = (send) => send(),
  ) {
    this.#randomBytes = randomBytes;
    this.#seedSource = seedSource;
    this.#exclusionsTopic = exclusionsTopic;
    this.#runQueue = runQueue;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#store = new WalletStore(context.getStateStore(WALLET_STORE));
  }

  async process(record: Input): Promise<void> {
    const event = record.value;
    // Only the exclusions source passes a null value on: a tombstone, which lifts the key's exclusion.
    if (event === null) return this.#exclusion(record.key, false);
    // Each topic carries its own events: an exclusion's offset must be one of the exclusions topic.
    const topic = this.#context.recordMetadata()?.topic;
    if ((topic === this.#exclusionsTopic) !== (event.type === EVENT_TYPES.customerExclusion))
      throw this.#invalid(event, [{ path: 'type', message: `${event.type} does not belong on ${topic}` }]);
    switch (event.type) {
      case PIPELINE_EVENT_TYPES.ticketsGranted:
        return this.#grant(record, event as Event<TicketsGranted>);
      case PIPELINE_EVENT_TYPES.drawMarker:
        return this.#marker(record, event as Event<DrawMarker>);
      case EVENT_TYPES.customerExclusion:
        return this.#customerExclusion(record, event as Event<CustomerExclusion>);
      default:
        throw this.#invalid(event, [
          {
            path: 'type',
            message: `${event.type} is neither a tickets grant, a draw marker nor a customer exclusion`,
          },
        ]);
    }
  }

  #customerExclusion(record: Input, event: Event<CustomerExclusion>): void {
    const { customerId, excluded } = event.data;
    // The key is what compaction keeps one record of: a value naming another customer would outlive its lift.
    if (record.key !== customerId) {
      throw this.#invalid(event, [
        { path: 'data.customerId', message: `Expected the record key (${record.key ?? 'none'})` },
      ]);
    }
    this.#exclusion(customerId, excluded);
  }

  #exclusion(customerId: string | null, excluded: boolean): void {
    // A keyless tombstone (which a compacted topic refuses anyway) lifts nobody's; it still counts as read.
    if (customerId !== null) this.#store.putExclusion(customerId, excluded);
    this.#store.putExclusionsRead(this.#context.recordMetadata()!.offset);
  }

  async #grant(record: Input, event: Event<TicketsGranted>): Promise<void> {
    const { drawId, customerId, tickets, total, maxWinsPerCustomer, entry } = event.data;
    const draw = (await this.#store.draw(drawId)) ?? NEW_DRAW;
    if (draw.drawn || this.#afterMarker(event, draw)) return this.#late(record, event, draw);
    const wallet = await this.#store.customer(drawId, customerId);
    const held = wallet?.tickets ?? 0;
    // ticket-rules' running total only grows: a grant whose total is already held was counted before.
    if (total <= held) {
      this.#store.putDraw(drawId, { ...draw, duplicateGrants: (draw.duplicateGrants ?? 0) + 1 });
      return;
    }
    const before = wallet?.best ?? [];
    const seed = await this.#seedOf(drawId);
    // Ticket numbers run on from the customer's count, so replaying a grant derives the same tickets.
    const source = seed ? derivedTickets(seed, drawId, customerId, held + 1) : this.#randomBytes;
    const best = keepBestTickets(before, tickets, maxWinsPerCustomer, source);
    const count = held + tickets;
    for (const ticket of before)
      if (!best.includes(ticket)) this.#store.deleteIndexed(drawId, ticket, customerId);
    const entries = entry === undefined ? wallet?.entries : [...(wallet?.entries ?? []), entry];
    best.forEach((ticket, i) => {
      // The entries ride on the best ticket only, so each is in the run once whatever k is.
      const indexed = { customerId, ticket, tickets: count };
      this.#store.putIndexed(drawId, i === 0 && entries ? { ...indexed, entries } : indexed);
    });
    this.#store.putCustomer(drawId, customerId, { tickets: count, best, ...(entries ? { entries } : {}) });
    this.#store.putDraw(drawId, {
      ...draw,
      customers: draw.customers + (wallet === undefined ? 1 : 0),
      tickets: draw.tickets + tickets,
    });
  }

  /**
   * Whether the grant's activity came through an activity partition whose marker of the draw this partition
   * already has: every stage keeps each activity partition's order, so such activity was produced after the
   * trigger there. A grant without the attribute (older producers) counts until the last marker, as before.
   */
  #afterMarker(event: Event<TicketsGranted>, draw: WalletDraw): boolean {
    const attribute = event.extensions[ACTIVITY_PARTITION_ATTRIBUTE];
    if (attribute === undefined || !/^(0|[1-9][0-9]*)$/.test(attribute)) return false;
    return draw.markers.includes(Number(attribute));
  }

  #seedOf(drawId: string): Promise<Buffer | undefined> {
    let seed = this.#seeds.get(drawId);
    if (seed === undefined) {
      seed = this.#seedSource(drawId);
      this.#seeds.set(drawId, seed);
    }
    return seed;
  }

  async #late(record: Input, event: Event<TicketsGranted>, draw: WalletDraw): Promise<void> {
    const { drawId, customerId, grantId, tickets } = event.data;
    this.#store.putDraw(drawId, { ...draw, lateTickets: draw.lateTickets + tickets });
    const late: LateTicket = { drawId, customerId, grantId, tickets };
    const type = PIPELINE_EVENT_TYPES.lateTicket;
    await this.#context.forward(
      record.withKey(customerId).withValue(outbound(type, late, event)),
      LATE_TICKETS_SINK,
    );
    await this.#context.forward(record.withKey(drawId).withValue(outbound(type, late, event)), RUNS_SINK);
  }

  async #marker(record: Input, event: Event<DrawMarker>): Promise<void> {
    const { drawId, sourcePartitions } = event.data;
    const source = this.#sourcePartitionOf(event);
    const draw = (await this.#store.draw(drawId)) ?? NEW_DRAW;
    if (draw.drawn) return;
    if (draw.sourcePartitions !== undefined && draw.sourcePartitions !== sourcePartitions) {
      throw this.#invalid(event, [
        {
          path: 'data.sourcePartitions',
          message: `draw ${drawId} waits for markers from ${draw.sourcePartitions} partitions, this one says ${sourcePartitions}`,
        },
      ]);
    }
    const known = draw.markers.includes(source);
    const markers = known ? draw.markers : [...draw.markers, source].sort((a, b) => a - b);
    const cutoffs = known ? draw.cutoffs : withCutoff(draw.cutoffs, source, event.data.cutoffOffset);
    if (markers.length < sourcePartitions) {
      this.#store.putDraw(drawId, { ...draw, sourcePartitions, markers, cutoffs });
      return;
    }
    const runEntries = await this.#runQueue(() =>
      this.#sendRun(record, event, { ...draw, cutoffs }, sourcePartitions),
    );
    this.#store.putDraw(drawId, { ...draw, sourcePartitions, markers, cutoffs, drawn: true, runEntries });
  }

  #sourcePartitionOf(event: Event<DrawMarker>): number {
    const { sourcePartition, sourcePartitions } = event.data;
    // A marker that never passed ingestion can only stand for the one source partition there is.
    const source = sourcePartition ?? (sourcePartitions === 1 ? 0 : undefined);
    if (source === undefined) {
      throw this.#invalid(event, [
        { path: 'data.sourcePartition', message: 'Required when sourcePartitions is more than 1' },
      ]);
    }
    if (source >= sourcePartitions) {
      throw this.#invalid(event, [
        { path: 'data.sourcePartition', message: `Expected below sourcePartitions (${sourcePartitions})` },
      ]);
    }
    return source;
  }

  /**
   * Sends the partition's run, highest ticket first, in chunks, then its end; returns how many entries it
   * had.
   */
  async #sendRun(
    record: Input,
    event: Event<DrawMarker>,
    { tickets, cutoffs }: WalletDraw,
    partitions: number,
  ): Promise<number> {
    const { drawId } = event.data;
    const partition = this.#context.partition;
    const keyed = record.withKey(drawId);
    // Exclusion status as of this moment (the draw's last marker here) is what the draw uses: the run
    // carries it, and the run-end says up to which exclusions record it was read.
    const excluded = await this.#store.excluded();
    const exclusionsOffset = await this.#store.exclusionsOffset();
    const chunk = new RunChunker();
    let seq = 0;
    // Awaited chunk by chunk: the runtime streams a large run through the transaction as it goes.
    const send = async (entries: RunChunkEntry[]) => {
      const data: RunChunk = { drawId, partition, firstSeq: seq, entries };
      const id = `${drawId}:run:${partition}:${seq}`;
      seq += entries.length;
      await this.#context.forward(
        keyed.withValue(outbound(PIPELINE_EVENT_TYPES.runChunk, data, event, { id })),
        RUNS_SINK,
      );
    };
    for await (const entries of this.#store.highestFirst(drawId)) {
      for (const entry of entries) {
        const full = chunk.add(excluded.has(entry.customerId) ? { ...entry, excluded: true } : entry);
        if (full) await send(chunk.take());
      }
    }
    if (!chunk.empty) await send(chunk.take());
    const end: RunEnd = { drawId, partition, partitions, entries: seq, tickets, exclusionsOffset };
    // Only when every marker said where it landed: a partial list would look like a complete one.
    if (cutoffs !== null && cutoffs !== undefined && cutoffs.length === partitions)
      end.cutoffOffsets = cutoffs;
    const id = `${drawId}:run-end:${partition}`;
    await this.#context.forward(
      keyed.withValue(outbound(PIPELINE_EVENT_TYPES.runEnd, end, event, { id })),
      RUNS_SINK,
    );
    return seq;
  }

  #invalid(event: Pick<PrizedrawCloudEvent, 'id' | 'type'>, issues: ValidationIssue[]): ValidationError {
    return new ValidationError(issues, {
      ...this.#context.recordMetadata(),
      eventId: event.id,
      eventType: event.type,
    });
  }
}

/**
 * The cut-offs with the marker of `source` added, ascending by partition; null from the first marker that
 * carries no offset (an ingestion from before cut-offs), so a run-end never claims a partial list.
 */
function withCutoff(
  cutoffs: WalletDraw['cutoffs'],
  source: number,
  offset: string | undefined,
): WalletDraw['cutoffs'] {
  if (cutoffs === null || offset === undefined) return null;
  return [...(cutoffs ?? []), { partition: source, offset }].sort((a, b) => a.partition - b.partition);
}
