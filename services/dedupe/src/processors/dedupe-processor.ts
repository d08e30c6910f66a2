import {
  type EnrichedActivity,
  PIPELINE_EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';
import { normalizeEmail } from './normalize-email';
import { activitySeenKey, emailSeenKey } from './seen-keys';
import { type DropReason, SeenSet } from './seen-set';
import { unqualificationOf } from './unqualification-of';

/** Where activity tagged as unqualification goes instead of the relevant sink (seed 001, week two). */
export interface UnqualificationSplit {
  /** Child (sink) receiving the unqualifications. */
  readonly sink: string;
  /** The tag that marks an activity as an unqualification (the seed's TIM_FILTER_TAG). */
  readonly tag: string;
  /** The promotion of a draw, which the enriched activity does not carry. */
  readonly promoCodeOf: (drawId: string) => Promise<string>;
}

export interface DedupeProcessorOptions {
  /** The store holding the seen-set of this partition. */
  readonly storeName: string;
  /** Child (sink) receiving the activities that pass and the markers. */
  readonly relevantSink: string;
  /** How long after a draw closes its seen marks are kept, ms. */
  readonly retentionMs: number;
  /** How often (wall clock) expired draws are looked for, ms. */
  readonly expiryIntervalMs: number;
  /** Most seen marks deleted per punctuation. */
  readonly expiryBatchSize: number;
  /** Told about every dropped activity, e.g. to count it. */
  readonly onDrop?: (reason: DropReason, activity: EnrichedActivity) => void;
  /** Without it every activity that passes goes to the relevant sink. */
  readonly unqualification?: UnqualificationSplit;
}

/**
 * TIM: drops an enriched activity already seen for its draw (same kind, customer and activity id) and, in
 * draws that take one entry per email, a second entry of the same email; forwards the rest re-stamped.
 * Drops are counted per draw in the store. A wall-clock punctuation deletes the marks of draws whose
 * closesAt + retention has passed. Draw markers pass through to the same partition, in order. An activity
 * that passes and carries the unqualification tag goes, as `prizedraw.unqualification.v1`, to its own sink
 * instead (the seed's TIM splits its output by tag the same way); markers do not go there.
 */
export class DedupeProcessor implements Processor<string | null, ValidatedEvent, string | null, Outbound> {
  readonly #options: DedupeProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;
  #seen!: SeenSet;

  constructor(options: DedupeProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    const { storeName, retentionMs, expiryIntervalMs, expiryBatchSize } = this.#options;
    this.#context = context;
    this.#seen = new SeenSet(context.getStateStore(storeName), retentionMs);
    context.schedule(expiryIntervalMs, 'wall-clock', async (now) => {
      await this.#seen.expire(now, expiryBatchSize);
    });
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    const { relevantSink } = this.#options;
    if (event.type === PIPELINE_EVENT_TYPES.drawMarker) {
      const marker = outbound(event.type, event.data, event, {
        id: event.id,
        partition: this.#context.partition,
      });
      await this.#context.forward(record.withValue(marker), relevantSink);
      return;
    }
    if (event.type !== PIPELINE_EVENT_TYPES.enrichedActivity) {
      throw unexpectedType(event);
    }
    const activity = event.data;
    const index = await this.#seen.track(activity.drawId, activity.draw.closesAt);
    const dropped = await this.#admit(activity, event.id);
    if (dropped) {
      this.#seen.countDrop(activity.drawId, index, dropped);
      this.#options.onDrop?.(dropped, activity);
      return;
    }
    const split = this.#options.unqualification;
    if (split && activity.tags.includes(split.tag)) {
      const unqualification = unqualificationOf(activity, await split.promoCodeOf(activity.drawId));
      const value = outbound(PIPELINE_EVENT_TYPES.unqualification, unqualification, event, {
        id: `${event.id}:unqualification`,
      });
      await this.#context.forward(record.withValue(value), split.sink);
      return;
    }
    await this.#context.forward(
      record.withValue(outbound(event.type, activity, event, { id: event.id })),
      relevantSink,
    );
  }

  /** Marks the activity seen and returns nothing, or returns why it must be dropped. */
  async #admit(activity: EnrichedActivity, eventId: string): Promise<DropReason | undefined> {
    const key = activitySeenKey(activity);
    if (await this.#seen.has(key)) return 'duplicate';
    if (activity.kind === 'entry' && activity.draw.dedupeOnEmail) {
      if (activity.email === undefined) {
        throw new ValidationError(
          [
            {
              path: 'data.email',
              message: 'Expected the email of an entry into a draw that dedupes on email',
            },
          ],
          { eventType: PIPELINE_EVENT_TYPES.enrichedActivity, eventId },
        );
      }
      const emailKey = emailSeenKey(activity.drawId, normalizeEmail(activity.email));
      if (await this.#seen.has(emailKey)) return 'email';
      this.#seen.mark(emailKey);
    }
    this.#seen.mark(key);
    return undefined;
  }
}

function unexpectedType(event: ValidatedEvent): ValidationError {
  const message = `Dedupe reads activity-enriched and draw-marker events, not ${event.type}`;
  return new ValidationError([{ path: 'type', message }], { eventType: event.type, eventId: event.id });
}
