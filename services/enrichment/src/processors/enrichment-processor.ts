import {
  type DrawDefined,
  PIPELINE_EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import {
  type Outbound,
  outbound,
  type Parked,
  Parking,
  type ParkingSetup,
  unmatchedHeaders,
} from '@prizedraw/service';
import { type Processor, type ProcessorContext, Record } from '@prizedraw/stream';
import { type Activity, activityOf } from './activity-of';
import { enrichActivity } from './enrich-activity';

export interface EnrichmentProcessorOptions {
  /** The draw definitions table, and how activity of a draw not known here yet is parked. */
  readonly parking: ParkingSetup;
  /** Child (sink) receiving enriched activities and markers. */
  readonly enrichedSink: string;
  /** Child (sink) receiving activities whose parking expired; it writes the record headers too. */
  readonly unmatchedSink: string;
  /** The store of activity waiting for its draw's definition to reach this process. */
  readonly parkedStore: string;
  /** Told about every activity sent to the unmatched topic, e.g. to count it. */
  readonly onUnmatched?: (activity: Activity) => void;
}

/**
 * DEC: finds the draws an ingested activity counts for (its promo code, its time within [opensAt,
 * closesAt)) and forwards one enriched activity per draw. Ingestion forwards only activity of a draw it
 * knows, but this process's copy of the definitions may lag: an activity of no draw known here is parked
 * (the same parking as ingestion's) and released as soon as its draw is known, and at the latest before a
 * marker of that draw; after the retention it goes, unchanged, to the unmatched sink as `expired` with the
 * reason. Draw markers pass through to the same partition, in order.
 */
export class EnrichmentProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  readonly #options: EnrichmentProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;
  #parking!: Parking;

  constructor(options: EnrichmentProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#parking = Parking.attach(context, this.#options.parking, {
      storeName: this.#options.parkedStore,
      stage: 'enrichment',
      release: (parked, draws) =>
        this.#enrich(new Record(parked.key, null, Date.now()), parked.event, activityOf(parked.event), draws),
      onExpired: (parked) => this.#unmatched(parked),
    });
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    if (event.type === PIPELINE_EVENT_TYPES.drawMarker) {
      await this.#parking.beforeMarker(event.data.drawId);
      const marker = outbound(event.type, event.data, event, {
        id: event.id,
        partition: this.#context.partition,
      });
      await this.#context.forward(record.withValue(marker), this.#options.enrichedSink);
      return;
    }
    const activity = activityOf(event);
    customerOf(record); // a record at fault is dead-lettered before anything parked is released
    const releasing = this.#parking.catchUp();
    if (releasing) await releasing;
    const draws = this.#options.parking.definitions.openFor(activity.promoCode, activity.occurredAt);
    if (draws.length > 0) {
      await this.#enrich(record, event, activity, draws);
      return;
    }
    const { promoCode, occurredAt } = activity;
    const sequence = this.#context.recordMetadata()!.offset;
    this.#parking.park({ promoCode, occurredAt, sequence }, record.key, event);
  }

  async #enrich(
    record: Record<string | null, unknown>,
    event: ValidatedEvent,
    activity: Activity,
    draws: readonly DrawDefined[],
  ): Promise<void> {
    const customerId = customerOf(record);
    for (const draw of [...draws].sort(byDrawId)) {
      const enriched = enrichActivity(activity, customerId, draw);
      const id = `${event.id}:${draw.drawId}`;
      const value = outbound(PIPELINE_EVENT_TYPES.enrichedActivity, enriched, event, { id });
      await this.#context.forward(record.withValue(value), this.#options.enrichedSink);
    }
  }

  #unmatched(parked: Parked): Promise<void> {
    const { event, key, promoCode, occurredAt } = parked;
    this.#options.onUnmatched?.(activityOf(event));
    const unchanged = outbound(event.type, event.data, event, { id: event.id });
    const headers = unmatchedHeaders(promoCode, occurredAt, 'expired');
    return this.#context.forward(
      new Record(key, unchanged, Date.now(), headers),
      this.#options.unmatchedSink,
    );
  }
}

// The key is the customer and decides the partition; an activity without one cannot stay co-partitioned.
function customerOf(record: Record<string | null, unknown>): string {
  if (record.key) return record.key;
  const event = record.value as ValidatedEvent | null;
  throw new ValidationError([{ path: 'key', message: 'Expected the customer id as the record key' }], {
    ...(event && { eventType: event.type, eventId: event.id }),
  });
}

function byDrawId(a: DrawDefined, b: DrawDefined): number {
  return a.drawId < b.drawId ? -1 : a.drawId > b.drawId ? 1 : 0;
}
