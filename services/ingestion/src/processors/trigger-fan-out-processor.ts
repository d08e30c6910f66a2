import { EVENT_TYPES, PIPELINE_EVENT_TYPES, type ValidatedEvent, ValidationError } from '@prizedraw/events';
import { type DrawDefinitions, type Outbound, outbound } from '@prizedraw/service';
import type { KeyValueStore, Processor, ProcessorContext, Record } from '@prizedraw/stream';

export const TRIGGERS_STORE = 'triggers';
export const MARKERS_SINK = 'markers';

interface Triggered {
  triggerId: string;
  at: string;
}

/**
 * A draw trigger becomes one marker in every partition of the activity topic, behind whatever activity is
 * already there. A draw is triggered once: a repeated trigger (same key, so same partition and store) changes
 * nothing. A trigger for a draw nobody defined is dead-lettered, after waiting up to `definitionWaitMs` for
 * the definition: the scheduler defines a contest period and triggers it a moment later, and the trigger
 * may reach this process before the definition reaches its table.
 */
export class TriggerFanOutProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  readonly #definitions: DrawDefinitions;
  readonly #definitionWaitMs: number;
  #context!: ProcessorContext<string | null, Outbound>;
  #triggered!: KeyValueStore<Triggered>;

  constructor(definitions: DrawDefinitions, definitionWaitMs: number) {
    this.#definitions = definitions;
    this.#definitionWaitMs = definitionWaitMs;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#triggered = context.getStateStore<Triggered>(TRIGGERS_STORE);
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    if (event.type !== EVENT_TYPES.drawTrigger) {
      throw new ValidationError([
        { path: 'type', message: `expected ${EVENT_TYPES.drawTrigger}, got ${event.type}` },
      ]);
    }
    const { drawId } = event.data;
    if (!(await this.#definitions.whenDefined(drawId, this.#definitionWaitMs))) {
      throw new ValidationError([{ path: 'data.drawId', message: `no draw is defined with id ${drawId}` }]);
    }
    if (await this.#triggered.get(drawId)) return;
    this.#triggered.put(drawId, { triggerId: event.id, at: new Date(record.timestamp).toISOString() });
    const partitions = this.#context.sinkPartitions(MARKERS_SINK);
    const marker = { drawId, triggerId: event.id, sourcePartitions: partitions };
    const everyPartition = Array.from({ length: partitions }, (_, p) => p);
    await this.#context.forward(
      record
        .withKey(drawId)
        .withValue(outbound(PIPELINE_EVENT_TYPES.drawMarker, marker, event, { partition: everyPartition })),
    );
  }
}
