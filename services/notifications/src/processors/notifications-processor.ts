import type { Decision, NoDecision } from '@prizedraw/decisions';
import {
  type CustomerMessage,
  EVENT_TYPES,
  type EventData,
  PIPELINE_EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';
import type { Answered } from '../adapters/in-chunks';
import type { OnsiteOutcome } from '../adapters/onsite-gateway-client';
import { CallFailed } from '../adapters/resilient-call';
import { messageIdOf } from './message-id';
import type { MessageOutcome } from './message-outcome';
import { type MessageTemplate, RenderError, renderTemplate } from './render-template';
import { dropReasonOf, routeOf } from './route-message';

/** What the processor is told by, and tells, the world. */
export interface NotificationsProcessorOptions {
  readonly brand: string;
  /** The locale messages are rendered in (BCP 47). */
  readonly locale: string;
  /** The brand's IANA time zone: its Mondays start a new weekly cycle. */
  readonly timeZone: string;
  /** The event types worth a decision (FRED's filter); ticket counts only when they are milestones. */
  readonly eventTypes: ReadonlySet<string>;
  /** Asks decisions (DES) about events: an answer per event in their order, or the refusal of an invalid one. */
  readonly decide: (events: readonly ValidatedEvent[]) => Promise<readonly Answered<Decision | NoDecision>[]>;
  /** Sends messages to the onsite gateway, an outcome per message; absent when there is none (all queued). */
  readonly deliver?: (messages: readonly CustomerMessage[]) => Promise<readonly Answered<OnsiteOutcome>[]>;
  /** The template of a name for a brand and locale; throws ValidationError when there is none. */
  readonly template: (brand: string, locale: string, name: string, eventId: string) => MessageTemplate;
  /** The sink of `{brand}.message-queue.inbound`. */
  readonly queueSink: string;
  /** The sink of `{brand}.customer-messages.delivered`: each message the gateway delivered, with when. */
  readonly deliveredSink: string;
  readonly now?: () => Date;
  /** Told what became of each event (metrics). */
  readonly onOutcome?: (outcome: MessageOutcome) => void;
}

/** What becomes of a record, worked out for its whole batch before the records are processed one by one. */
type Plan =
  | { readonly done: MessageOutcome }
  | { readonly delivered: EventData<typeof EVENT_TYPES.customerMessageDelivered> }
  | { readonly queue: CustomerMessage; readonly outcome: MessageOutcome }
  | { readonly refused: ValidationError };

/**
 * FRED + BCG: filters events by configuration, asks decisions whether and how the customer is told, drops
 * decided messages that have expired or have no delivery preference, renders the message from its template,
 * and delivers it on site — or forwards it to the message queue topic when the customer is not on site, when
 * it is a REWARD_AWARDED on a Monday of the brand's time zone, or when there is no gateway. A missing template,
 * a template the event cannot fill, or a request decisions or the gateway refuses as invalid sends the event
 * to the dead-letter topic with the reason. While decisions or the gateway is away, the batch waits (see
 * ResilientCall); it is retried, never skipped.
 *
 * Decisions and the gateway are asked once per input batch (prepareBatch), in requests of many events, not
 * once per record; process() then forwards, counts or dead-letters each record as planned, so a bad record
 * is dead-lettered alone and the queue topic gets its messages in the batch's transaction.
 */
export class NotificationsProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  readonly #options: NotificationsProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;
  readonly #plans = new Map<Record<string | null, ValidatedEvent>, Plan>();

  constructor(options: NotificationsProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  async prepareBatch(records: readonly Record<string | null, ValidatedEvent>[]): Promise<void> {
    const options = this.#options;
    // Plans of a batch that failed before all its records were processed are stale.
    this.#plans.clear();
    const wanted = records.filter((record) => {
      const keep = this.#wanted(record.value);
      if (!keep) this.#plans.set(record, { done: { outcome: 'dropped', reason: 'filtered' } });
      return keep;
    });
    if (wanted.length === 0) return;
    const decisions = await options.decide(wanted.map((record) => record.value));
    const now = options.now?.() ?? new Date();
    const onsite: { record: Record<string | null, ValidatedEvent>; message: CustomerMessage }[] = [];
    wanted.forEach((record, i) => {
      const plan = this.#planOf(record.value, decisions[i]!, now);
      if ('onsite' in plan) onsite.push({ record, message: plan.onsite });
      else this.#plans.set(record, plan);
    });
    if (onsite.length === 0) return;
    const outcomes = await options.deliver!(onsite.map(({ message }) => message));
    const deliveredAt = (options.now?.() ?? new Date()).toISOString();
    onsite.forEach(({ record, message }, i) => {
      const outcome = outcomes[i]!;
      this.#plans.set(
        record,
        outcome instanceof CallFailed
          ? { refused: refusal(record.value, outcome) }
          : outcome === 'delivered'
            ? { delivered: { ...message, deliveredAt } }
            : { queue: message, outcome: { outcome: 'queued', reason: 'offline' } },
      );
    });
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    // Runtimes that feed records one at a time (the test driver) prepare nothing: a batch of one.
    if (!this.#plans.has(record)) await this.prepareBatch([record]);
    const plan = this.#plans.get(record)!;
    this.#plans.delete(record);
    if ('refused' in plan) throw plan.refused;
    if ('done' in plan) return this.#options.onOutcome?.(plan.done);
    if ('delivered' in plan) {
      // In the input's transaction: recorded once per source event, however often a retried batch delivered it.
      const { delivered } = plan;
      const value = outbound(EVENT_TYPES.customerMessageDelivered, delivered, record.value, {
        id: `${delivered.messageId}:delivered`,
      });
      await this.#context.forward(
        record.withKey(delivered.customerId).withValue(value),
        this.#options.deliveredSink,
      );
      return this.#options.onOutcome?.({ outcome: 'delivered', reason: 'onsite' });
    }
    const { queue: message } = plan;
    const value = outbound(EVENT_TYPES.customerMessage, message, record.value, { id: message.messageId });
    await this.#context.forward(record.withKey(message.customerId).withValue(value), this.#options.queueSink);
    this.#options.onOutcome?.(plan.outcome);
  }

  #wanted(event: ValidatedEvent): boolean {
    if (!this.#options.eventTypes.has(event.type)) return false;
    return event.type !== EVENT_TYPES.ticketCount || event.data.milestone;
  }

  // The plan for an event once decided, or the message to try on site first.
  #planOf(
    event: ValidatedEvent,
    decision: Answered<Decision | NoDecision>,
    now: Date,
  ): Plan | { readonly onsite: CustomerMessage } {
    if (decision instanceof CallFailed) return { refused: refusal(event, decision) };
    if (decision.status === 'NO_DECISION') return { done: { outcome: 'dropped', reason: 'no-decision' } };
    const dropped = dropReasonOf(decision, now);
    if (dropped) return { done: { outcome: 'dropped', reason: dropped } };
    let message: CustomerMessage;
    try {
      message = this.#message(event, decision as Decision & Pick<CustomerMessage, 'deliveryPreference'>, now);
    } catch (error) {
      if (error instanceof ValidationError) return { refused: error };
      throw error;
    }
    const route = routeOf(message, now, {
      timeZone: this.#options.timeZone,
      gateway: this.#options.deliver !== undefined,
    });
    if (route.to === 'onsite') return { onsite: message };
    return { queue: message, outcome: { outcome: 'queued', reason: route.reason } };
  }

  #message(
    event: ValidatedEvent,
    decision: Decision & Pick<CustomerMessage, 'deliveryPreference'>,
    now: Date,
  ): CustomerMessage {
    const { brand, locale } = this.#options;
    const template = this.#options.template(brand, locale, decision.template, event.id);
    let content: { title: string; body: string };
    try {
      content = renderTemplate(template, { ...(event.data as object), brand });
    } catch (error) {
      if (!(error instanceof RenderError)) throw error;
      throw new ValidationError([{ path: 'template', message: error.message }], { eventId: event.id });
    }
    return {
      messageId: messageIdOf(event.id, decision.messageType),
      customerId: customerIdOf(event),
      brand,
      messageType: decision.messageType,
      deliveryPreference: decision.deliveryPreference,
      locale,
      ...content,
      expiresAt: decision.expiresAt,
      createdAt: now.toISOString(),
      source: { type: event.type, id: event.id },
    };
  }
}

/** The customer an event is about: the account of results, counts and unqualifications, else the customer id. */
export function customerIdOf(event: ValidatedEvent): string {
  const data = event.data as { accountId?: string; customerId?: string };
  const customerId = data.accountId ?? data.customerId;
  if (customerId) return customerId;
  throw new ValidationError([{ path: 'data', message: 'Expected an accountId or customerId' }], {
    eventId: event.id,
    eventType: event.type,
  });
}

// A request decisions or the gateway refuses as invalid will be refused again: dead-letter the event with why.
function refusal(event: ValidatedEvent, refused: CallFailed): ValidationError {
  return new ValidationError([{ path: '(request)', message: refused.message }], {
    eventId: event.id,
    eventType: event.type,
  });
}

/** The event types notifications asks decisions about by default. */
export const DEFAULT_EVENT_TYPES: readonly string[] = [
  EVENT_TYPES.drawResult,
  EVENT_TYPES.ticketCount,
  PIPELINE_EVENT_TYPES.unqualification,
  EVENT_TYPES.instantWinDrawn,
];
