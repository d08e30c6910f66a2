import {
  type ContestEntry,
  type EnrichedActivity,
  EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { occurredAtOf } from '@prizedraw/service';

/** What enrichment needs of an ingested stake, award or entry, whatever its event type. */
export interface Activity {
  readonly kind: EnrichedActivity['kind'];
  /** The promotion it counts for; an entry's `utmContent`. */
  readonly promoCode: string;
  /** The stake's activityId, the award's awardId or the entry's entryId. */
  readonly activityId: string;
  /** When it happened (the event's `time`), epoch milliseconds. */
  readonly occurredAt: number;
  readonly stakeMinor?: number;
  readonly tickets?: number;
  readonly email?: string;
  /** A contest entry's details, for the SCA entries file. */
  readonly entry?: ContestEntry;
}

/**
 * The activity an ingested event carries.
 *
 * @throws ValidationError (the record is dead-lettered) for an event that is not a stake, award or entry,
 *   or whose `time` is not a date.
 */
export function activityOf(event: ValidatedEvent): Activity {
  const occurredAt = occurredAtOf(event);
  switch (event.type) {
    case EVENT_TYPES.stake: {
      const { promoCode, activityId, stakeMinor } = event.data;
      return { kind: 'stake', promoCode, activityId, occurredAt, stakeMinor };
    }
    case EVENT_TYPES.ticketsAwarded: {
      const { promoCode, awardId, tickets } = event.data;
      return { kind: 'award', promoCode, activityId: awardId, occurredAt, tickets };
    }
    case EVENT_TYPES.entry: {
      const { utmContent, entryId, email } = event.data;
      const entry = { ...event.data, enteredAt: new Date(occurredAt).toISOString() };
      return { kind: 'entry', promoCode: utmContent, activityId: entryId, occurredAt, email, entry };
    }
    default:
      throw new ValidationError(
        [
          {
            path: 'type',
            message: `Enrichment reads stake, tickets-awarded, entry and draw-marker events, not ${event.type}`,
          },
        ],
        { eventType: event.type, eventId: event.id },
      );
  }
}
