import {
  type DrawDefined,
  PIPELINE_EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { type DrawDefinitions, type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';
import { type Activity, activityOf } from './activity-of';
import { enrichActivity } from './enrich-activity';
import { unmatchedReason } from './unmatched-reason';

/** CloudEvent extension attribute on an unmatched activity saying why it matched no draw. */
export const UNMATCHED_REASON_EXTENSION = 'unmatchedreason';
/** The Kafka header carrying {@link UNMATCHED_REASON_EXTENSION} (binary content mode). */
export const UNMATCHED_REASON_HEADER = `ce_${UNMATCHED_REASON_EXTENSION}`;

export interface EnrichmentProcessorOptions {
  readonly definitions: DrawDefinitions;
  /** Child (sink) receiving enriched activities and markers. */
  readonly enrichedSink: string;
  /** Child (sink) receiving activities that match no open draw; it writes the record headers too. */
  readonly unmatchedSink: string;
  /** Told about every unmatched activity, e.g. to count it. */
  readonly onUnmatched?: (activity: Activity) => void;
}

/**
 * DEC: finds the draws an ingested activity counts for (its promo code, its time within [opensAt,
 * closesAt)) and forwards one enriched activity per draw; an activity of no open draw goes, unchanged, to
 * the unmatched sink with the reason. Draw markers pass through to the same partition, in order.
 */
export class EnrichmentProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  readonly #options: EnrichmentProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;

  constructor(options: EnrichmentProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    const { enrichedSink, unmatchedSink, definitions } = this.#options;
    if (event.type === PIPELINE_EVENT_TYPES.drawMarker) {
      const marker = outbound(event.type, event.data, event, {
        id: event.id,
        partition: this.#context.partition,
      });
      await this.#context.forward(record.withValue(marker), enrichedSink);
      return;
    }
    const activity = activityOf(event);
    const customerId = customerOf(record);
    const draws = definitions.openFor(activity.promoCode, activity.occurredAt).sort(byDrawId);
    if (draws.length === 0) {
      this.#options.onUnmatched?.(activity);
      const unchanged = outbound(event.type, event.data, event, { id: event.id });
      const headers = { ...record.headers, [UNMATCHED_REASON_HEADER]: unmatchedReason(activity) };
      await this.#context.forward(record.withValue(unchanged).withHeaders(headers), unmatchedSink);
      return;
    }
    for (const draw of draws) {
      const enriched = enrichActivity(activity, customerId, draw);
      const id = `${event.id}:${draw.drawId}`;
      const value = outbound(PIPELINE_EVENT_TYPES.enrichedActivity, enriched, event, { id });
      await this.#context.forward(record.withValue(value), enrichedSink);
    }
  }
}

// The key is the customer and decides the partition; an activity without one cannot stay co-partitioned.
function customerOf(record: Record<string | null, ValidatedEvent>): string {
  if (record.key) return record.key;
  throw new ValidationError([{ path: 'key', message: 'Expected the customer id as the record key' }], {
    eventType: record.value.type,
    eventId: record.value.id,
  });
}

function byDrawId(a: DrawDefined, b: DrawDefined): number {
  return a.drawId < b.drawId ? -1 : a.drawId > b.drawId ? 1 : 0;
}
