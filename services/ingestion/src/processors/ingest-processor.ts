import { PIPELINE_EVENT_TYPES, type ValidatedEvent } from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';
import { normalizeActivity } from './normalize-activity';

export const INGESTED_SINK = 'ingested';

/**
 * Validated activity in, normalized activity out, keyed by customer. A draw marker is copied into every
 * output partition with the input partition it came through: re-keying can move a record to any output
 * partition, so a downstream partition knows it has everything before the trigger only once it has the
 * marker from every input partition.
 */
export class IngestProcessor implements Processor<string | null, ValidatedEvent, string | null, Outbound> {
  #context!: ProcessorContext<string | null, Outbound>;

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    if (event.type === PIPELINE_EVENT_TYPES.drawMarker) {
      const everyPartition = Array.from({ length: this.#context.sinkPartitions(INGESTED_SINK) }, (_, p) => p);
      const marker = { ...event.data, sourcePartition: this.#context.partition };
      await this.#context.forward(
        record.withKey(null).withValue(outbound(event.type, marker, event, { partition: everyPartition })),
      );
      return;
    }
    const activity = normalizeActivity(event);
    await this.#context.forward(
      record
        .withKey(activity.customerId)
        .withValue(outbound(activity.type, activity.data, event, { id: event.id })),
    );
  }
}
