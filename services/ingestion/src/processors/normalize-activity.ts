import {
  type Entry,
  EVENT_TYPES,
  type Stake,
  type TicketsAwarded,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';

/**
 * An activity event after normalization, with the promotion it counts for (an entry's utmContent) and the
 * customer it belongs to by default (the record key downstream, unless a draw dedupes entries on email).
 */
export type NormalizedActivity = { promoCode: string; customerId: string } & (
  | { type: typeof EVENT_TYPES.stake; data: Stake }
  | { type: typeof EVENT_TYPES.ticketsAwarded; data: TicketsAwarded }
  | { type: typeof EVENT_TYPES.entry; data: Entry }
);

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
      return { type: event.type, promoCode: data.promoCode, customerId: data.accountId, data };
    }
    case EVENT_TYPES.ticketsAwarded: {
      const data = { ...event.data, accountId: event.data.accountId.trim() };
      return { type: event.type, promoCode: data.promoCode, customerId: data.accountId, data };
    }
    case EVENT_TYPES.entry: {
      const accountId = event.data.accountId?.trim() || undefined;
      const data = {
        ...event.data,
        email: normalizeEmail(event.data.email),
        ...(accountId ? { accountId } : {}),
      };
      return { type: event.type, promoCode: data.utmContent, customerId: accountId ?? data.email, data };
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
