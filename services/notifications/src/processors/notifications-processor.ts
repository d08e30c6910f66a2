import type { Decision, NoDecision } from '@prizedraw/decisions';
import {
  type CustomerMessage,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { Processor, ProcessorContext, Record } from '@prizedraw/stream';
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
  /** Asks decisions (DES) about an event. */
  readonly decide: (event: ValidatedEvent) => Promise<Decision | NoDecision>;
  /** Sends a message to the onsite gateway; absent when there is none (everything is queued). */
  readonly deliver?: (message: CustomerMessage) => Promise<'delivered' | 'offline'>;
  /** The template of a name for a brand and locale; throws ValidationError when there is none. */
  readonly template: (brand: string, locale: string, name: string, eventId: string) => MessageTemplate;
  /** The sink of `{brand}.message-queue.inbound`. */
  readonly queueSink: string;
  readonly now?: () => Date;
  /** Told what became of each event (metrics). */
  readonly onOutcome?: (outcome: MessageOutcome) => void;
}

/**
 * FRED + BCG: filters events by configuration, asks decisions whether and how the customer is told, drops
 * decided messages that have expired or have no delivery preference, renders the message from its template,
 * and delivers it on site — or forwards it to the message queue topic when the customer is not on site, when
 * it is a REWARD_AWARDED on a Monday of the brand's time zone, or when there is no gateway. A missing template,
 * a template the event cannot fill, or a request decisions or the gateway refuses as invalid sends the event
 * to the dead-letter topic with the reason. While decisions or the gateway is away, the record waits (see
 * ResilientCall); its batch is retried, never skipped.
 */
export class NotificationsProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound>
{
  readonly #options: NotificationsProcessorOptions;
  #context!: ProcessorContext<string | null, Outbound>;

  constructor(options: NotificationsProcessorOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    const options = this.#options;
    if (!this.#wanted(event)) return options.onOutcome?.({ outcome: 'dropped', reason: 'filtered' });
    const decision = await refusedAsInvalid(event, () => options.decide(event));
    if (decision.status === 'NO_DECISION')
      return options.onOutcome?.({ outcome: 'dropped', reason: 'no-decision' });
    const now = options.now?.() ?? new Date();
    const dropped = dropReasonOf(decision, now);
    if (dropped) return options.onOutcome?.({ outcome: 'dropped', reason: dropped });
    const message = this.#message(
      event,
      decision as Decision & Pick<CustomerMessage, 'deliveryPreference'>,
      now,
    );
    const route = routeOf(message, now, {
      timeZone: options.timeZone,
      gateway: options.deliver !== undefined,
    });
    if (route.to === 'onsite') {
      const outcome = await refusedAsInvalid(event, () => options.deliver!(message));
      if (outcome === 'delivered') return options.onOutcome?.({ outcome: 'delivered', reason: 'onsite' });
    }
    const value = outbound(EVENT_TYPES.customerMessage, message, event, { id: message.messageId });
    await this.#context.forward(record.withKey(message.customerId).withValue(value), options.queueSink);
    options.onOutcome?.({ outcome: 'queued', reason: route.to === 'queue' ? route.reason : 'offline' });
  }

  #wanted(event: ValidatedEvent): boolean {
    if (!this.#options.eventTypes.has(event.type)) return false;
    return event.type !== EVENT_TYPES.ticketCount || event.data.milestone;
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
async function refusedAsInvalid<T>(event: ValidatedEvent, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof CallFailed) || error.retriable) throw error;
    throw new ValidationError([{ path: '(request)', message: error.message }], {
      eventId: event.id,
      eventType: event.type,
    });
  }
}

/** The event types notifications asks decisions about by default. */
export const DEFAULT_EVENT_TYPES: readonly string[] = [
  EVENT_TYPES.drawResult,
  EVENT_TYPES.ticketCount,
  PIPELINE_EVENT_TYPES.unqualification,
  EVENT_TYPES.instantWinDrawn,
];
