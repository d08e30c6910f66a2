import type { DeliveryPreference, MessageType } from '@prizedraw/events';
import type { Rule } from './rules';

/** The event a decision is asked for: its type, time, id and data. */
export interface DecisionInput {
  readonly id: string;
  readonly type: string;
  /** When the event happened (ISO-8601); expiry counts from it. */
  readonly time: string;
  readonly data: unknown;
}

/** A decision: tell the customer, with this message type, presentation, template and expiry. */
export interface Decision {
  readonly status: 'DECISION';
  readonly eventId: string;
  readonly rule: string;
  readonly messageType: MessageType;
  readonly deliveryPreference?: DeliveryPreference;
  readonly template: string;
  readonly expiresAt: string;
}

/** No rule matched: nothing to tell. */
export interface NoDecision {
  readonly status: 'NO_DECISION';
  readonly eventId: string;
}

/** The first rule matching `event` decides it; no rule matching is NO_DECISION. */
export function decide(event: DecisionInput, rules: readonly Rule[]): Decision | NoDecision {
  const rule = rules.find((candidate) => matches(candidate, event));
  if (!rule) return { status: 'NO_DECISION', eventId: event.id };
  return {
    status: 'DECISION',
    eventId: event.id,
    rule: rule.id,
    messageType: rule.messageType,
    ...(rule.deliveryPreference && { deliveryPreference: rule.deliveryPreference }),
    template: rule.template ?? rule.id,
    expiresAt: new Date(Date.parse(event.time) + rule.expiresAfter).toISOString(),
  };
}

function matches(rule: Rule, event: DecisionInput): boolean {
  if (rule.eventType !== event.type) return false;
  return Object.entries(rule.when).every(([path, wanted]) => {
    const value = valueAt(event.data, path);
    return Array.isArray(wanted) ? wanted.includes(value as never) : value === wanted;
  });
}

/** The value at a dotted `path` (`prize.prizeId`) of event data; undefined when any step is missing. */
export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
