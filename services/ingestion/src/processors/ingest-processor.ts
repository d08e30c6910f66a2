import { type DrawDefined, PIPELINE_EVENT_TYPES, type ValidatedEvent } from '@prizedraw/events';
import {
  type Outbound,
  occurredAtOf,
  outbound,
  type Parked,
  Parking,
  type ParkingSetup,
  type UnmatchedStatus,
  unmatchedHeaders,
} from '@prizedraw/service';
import { type Processor, type ProcessorContext, Record } from '@prizedraw/stream';
import { customerKey } from './customer-key';
import { type NormalizedActivity, normalizeActivity } from './normalize-activity';

export const INGESTED_SINK = 'ingested';
export const UNMATCHED_SINK = 'unmatched';
/** The store of activity waiting for a draw definition; its changelog is `<applicationId>-parked-changelog`. */
export const PARKED_STORE = 'parked';

/**
 * Validated activity in, normalized activity out, keyed by customer (by email for an entry into a draw that
 * dedupes on email). Activity of no known open draw is parked (and shown on the unmatched topic as
 * `parked`) until a draw of its promotion and time is defined, then keyed and forwarded as if it had just
 * arrived; after the retention it goes to the unmatched topic as `expired`. A draw marker is copied into
 * every output partition with the input partition it came through, after the parked activity its draw
 * counts: re-keying can move a record to any output partition, so a downstream partition knows it has
 * everything before the trigger only once it has the marker from every input partition.
 */
export class IngestProcessor implements Processor<string | null, ValidatedEvent, string | null, Outbound> {
  readonly #setup: ParkingSetup;
  #context!: ProcessorContext<string | null, Outbound>;
  #parking!: Parking;

  /** `setup`: the draw definitions table, and how activity of no known draw is parked. */
  constructor(setup: ParkingSetup) {
    this.#setup = setup;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#parking = Parking.attach(context, this.#setup, {
      storeName: PARKED_STORE,
      stage: 'ingestion',
      release: (parked, draws) => this.#release(parked, draws),
      onExpired: (parked) => this.#unmatched(parked, 'expired'),
    });
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    if (event.type === PIPELINE_EVENT_TYPES.drawMarker) {
      await this.#parking.beforeMarker(event.data.drawId);
      const everyPartition = Array.from({ length: this.#context.sinkPartitions(INGESTED_SINK) }, (_, p) => p);
      // The marker's own offset is the draw's cut-off in this activity partition (published in the draw record).
      const cutoffOffset = this.#context.recordMetadata()?.offset;
      const marker = { ...event.data, sourcePartition: this.#context.partition, cutoffOffset };
      await this.#context.forward(
        record.withKey(null).withValue(outbound(event.type, marker, event, { partition: everyPartition })),
        INGESTED_SINK,
      );
      return;
    }
    const activity = normalizeActivity(event);
    const at = occurredAtOf(event);
    const releasing = this.#parking.catchUp();
    if (releasing) await releasing;
    const draws = this.#setup.definitions.openFor(activity.promoCode, at);
    if (draws.length > 0) {
      await this.#forward(record, event, activity, draws);
      return;
    }
    const sequence = this.#context.recordMetadata()!.offset;
    const parked = this.#parking.park(
      { promoCode: activity.promoCode, occurredAt: at, sequence },
      record.key,
      event,
    );
    await this.#unmatched(parked, 'parked', record.timestamp);
  }

  #forward(
    record: Record<string | null, unknown>,
    event: ValidatedEvent,
    activity: NormalizedActivity,
    draws: readonly DrawDefined[],
  ): Promise<void> {
    const value = outbound(activity.type, activity.data, event, { id: event.id });
    // The activity partition this task reads (a released activity came through it too), whatever the producer
    // said: the wallet compares it with the partitions whose draw markers it has (docs/verifiable-draws.md).
    const binder = { ...value.binder, activityPartition: String(this.#context.partition) };
    return this.#context.forward(
      record.withKey(customerKey(activity, draws)).withValue({ ...value, binder }),
      INGESTED_SINK,
    );
  }

  // Stamped with the time of release: the original may be older than the topics' retention.
  #release(parked: Parked, draws: readonly DrawDefined[]): Promise<void> {
    const activity = normalizeActivity(parked.event);
    return this.#forward(new Record(parked.key, null, Date.now()), parked.event, activity, draws);
  }

  // The activity as ingestion writes it, keyed by its customer, with why it matched no draw.
  #unmatched(parked: Parked, status: UnmatchedStatus, timestamp = Date.now()): Promise<void> {
    const { event } = parked;
    const activity = normalizeActivity(event);
    const value = outbound(activity.type, activity.data, event, { id: event.id });
    const headers = unmatchedHeaders(parked.promoCode, parked.occurredAt, status);
    return this.#context.forward(new Record(activity.customerId, value, timestamp, headers), UNMATCHED_SINK);
  }
}
