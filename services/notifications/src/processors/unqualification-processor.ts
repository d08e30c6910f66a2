import {
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type Unqualification,
  type ValidatedEvent,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';

/**
 * DEC's EPPM processor (seed 001, week one): an EPPM verdict `qualified: false` becomes an unqualification
 * event on `{brand}.relevant.unqualification.events`, keyed by the account, with an id derived from the
 * verdict's (a replayed verdict is the same unqualification). Qualified verdicts are not news to anyone.
 */
export class UnqualificationProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  #context!: ProcessorContext<string | null, Outbound>;

  constructor(private readonly sink: string) {}

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    if (event.type !== EVENT_TYPES.eppmActivity || event.data.qualified) return;
    const { accountId, promoCode, week, reason, activityId } = event.data;
    const unqualification: Unqualification = {
      accountId,
      promoCode,
      week,
      activityId,
      ...(reason === undefined ? {} : { reason }),
    };
    const value = outbound(PIPELINE_EVENT_TYPES.unqualification, unqualification, event, {
      id: `${event.id}:unqualification`,
    });
    await this.#context.forward(record.withKey(accountId).withValue(value), this.sink);
  }
}
