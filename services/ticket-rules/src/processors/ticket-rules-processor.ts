import {
  type EnrichedActivity,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type TicketCount,
  type TicketsGranted,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { KeyValueStore, Processor, ProcessorContext, Record } from '@prizedraw/stream';
import { activityAmount } from './activity-amount';
import { crossedMilestone } from './crossed-milestone';
import { applyActivity, NO_TICKETS, type TicketTotals, totalTickets } from './ticket-totals';
import { totalsKey } from './totals-key';

export interface TicketRulesProcessorOptions {
  /** The store of per customer and draw totals. */
  readonly storeName: string;
  /** Child (sink) receiving ticket grants and the markers. */
  readonly ticketsSink: string;
  /** Child (sink) receiving live ticket counts. */
  readonly ticketUpdatesSink: string;
}

/**
 * The ticket rule engine: keeps per customer and draw the stake so far and the tickets granted; when an
 * activity grants tickets it forwards the grant (to the wallet) and the customer's new count (live update,
 * flagged when it reached a milestone). Draw markers pass through to the tickets sink, same partition.
 */
export class TicketRulesProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  readonly #options: TicketRulesProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;
  #totals!: KeyValueStore<TicketTotals>;

  constructor(options: TicketRulesProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
    this.#totals = context.getStateStore(this.#options.storeName);
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    const { ticketsSink, ticketUpdatesSink } = this.#options;
    if (event.type === PIPELINE_EVENT_TYPES.drawMarker) {
      const marker = outbound(event.type, event.data, event, {
        id: event.id,
        partition: this.#context.partition,
      });
      await this.#context.forward(record.withValue(marker), ticketsSink);
      return;
    }
    if (event.type !== PIPELINE_EVENT_TYPES.enrichedActivity) {
      throw unexpectedType(event);
    }
    const activity = event.data;
    const key = totalsKey(activity.drawId, activity.customerId);
    const before = (await this.#totals.get(key)) ?? NO_TICKETS;
    const { totals, granted } = applyActivity(before, activity, activityAmount(activity, event.id));
    if (totals.stakeMinor === before.stakeMinor && granted === 0) return;
    this.#totals.put(key, totals);
    if (granted === 0) return;
    const grant = grantOf(activity, granted, totalTickets(totals));
    const count = countOf(activity, totalTickets(before), totalTickets(totals));
    await this.#context.forward(
      record.withValue(
        outbound(PIPELINE_EVENT_TYPES.ticketsGranted, grant, event, { id: `${event.id}:granted` }),
      ),
      ticketsSink,
    );
    await this.#context.forward(
      record.withValue(outbound(EVENT_TYPES.ticketCount, count, event, { id: `${event.id}:count` })),
      ticketUpdatesSink,
    );
  }
}

function grantOf(activity: EnrichedActivity, tickets: number, total: number): TicketsGranted {
  return {
    drawId: activity.drawId,
    customerId: activity.customerId,
    // The kind keeps a stake and an award that share an upstream id apart.
    grantId: `${activity.kind}:${activity.activityId}`,
    tickets,
    total,
    maxWinsPerCustomer: activity.draw.maxWinsPerCustomer,
    // SCA needs every entry in its file: only its draws carry them on to the wallet.
    ...(activity.entry !== undefined && activity.draw.administrator === 'sca'
      ? { entry: activity.entry }
      : {}),
  };
}

function countOf(activity: EnrichedActivity, before: number, total: number): TicketCount {
  return {
    drawId: activity.drawId,
    accountId: activity.customerId,
    tickets: total,
    milestone: crossedMilestone(before, total, activity.draw.milestones),
  };
}

function unexpectedType(event: ValidatedEvent): ValidationError {
  const message = `Ticket-rules reads activity-enriched and draw-marker events, not ${event.type}`;
  return new ValidationError([{ path: 'type', message }], { eventType: event.type, eventId: event.id });
}
