import {
  type Entry,
  EVENT_TYPES,
  type Stake,
  type TicketsAwarded,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';

/** An activity event after normalization, with the customer it belongs to (the record key downstream). */
export type NormalizedActivity =
  | { type: typeof EVENT_TYPES.stake; customerId: string; data: Stake }
  | { type: typeof EVENT_TYPES.ticketsAwarded; customerId: string; data: TicketsAwarded }
  | { type: typeof EVENT_TYPES.entry; customerId: string; data: Entry };

/** Lower-cased and trimmed, so one address is one customer however it was typed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Normalizes an activity event and finds its customer: the account id, or, for a contest entry without
 * one, the normalized email. Anything that is not an activity event is rejected (dead-lettered).
 */
export function normalizeActivity(event: ValidatedEvent): NormalizedActivity {
  switch (event.type) {
    case EVENT_TYPES.stake: {
      const data = { ...event.data, accountId: event.data.accountId.trim() };
      return { type: event.type, customerId: data.accountId, data };
    }
    case EVENT_TYPES.ticketsAwarded: {
      const data = { ...event.data, accountId: event.data.accountId.trim() };
      return { type: event.type, customerId: data.accountId, data };
    }
    case EVENT_TYPES.entry: {
      const accountId = event.data.accountId?.trim() || undefined;
      const data = {
        ...event.data,
        email: normalizeEmail(event.data.email),
        ...(accountId ? { accountId } : {}),
      };
      return { type: event.type, customerId: accountId ?? data.email, data };
    }
    default:
      throw new ValidationError(
        [
          {
            path: 'type',
            message: `${event.type} is not an activity event (stake, tickets-awarded or entry)`,
          },
        ],
        {
          eventType: event.type,
        },
      );
  }
}
