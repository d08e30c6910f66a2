import type { CustomerMessage } from '@prizedraw/events';

/** Where a message goes first: the onsite gateway, or straight to the message queue (and why). */
export type Route =
  | { readonly to: 'onsite' }
  | { readonly to: 'queue'; readonly reason: 'monday' | 'no-gateway' };

/** Why a decided message is not sent at all. */
export type DropReason = 'expired' | 'no-delivery-preference';

/**
 * A message without a delivery preference, or expired by `now`, is not worth sending (BCG's filter).
 */
export function dropReasonOf(
  message: Pick<CustomerMessage, 'expiresAt'> & { deliveryPreference?: string },
  now: Date,
): DropReason | undefined {
  if (message.deliveryPreference === undefined) return 'no-delivery-preference';
  if (Date.parse(message.expiresAt) <= now.getTime()) return 'expired';
  return undefined;
}

/**
 * REWARD_AWARDED on a Monday (the first day of a new weekly cycle) in the brand's time zone goes to the queue,
 * never straight on site, so a full-screen message does not interrupt the customer (seed 001); every other
 * message (UNQUALIFICATION included) tries the gateway first. Without a gateway, everything is queued.
 */
export function routeOf(
  message: Pick<CustomerMessage, 'messageType'>,
  now: Date,
  options: { readonly timeZone: string; readonly gateway: boolean },
): Route {
  if (!options.gateway) return { to: 'queue', reason: 'no-gateway' };
  if (message.messageType === 'REWARD_AWARDED' && isMonday(now, options.timeZone))
    return { to: 'queue', reason: 'monday' };
  return { to: 'onsite' };
}

// One weekday formatter per zone (the brand's, from the configuration): building one takes ~50 µs, and
// every REWARD_AWARDED asks, a million of them when a draw's default prize goes to every entrant.
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether `instant` falls on a Monday in `timeZone`. */
export function isMonday(instant: Date, timeZone: string): boolean {
  let format = weekdayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
    weekdayFormats.set(timeZone, format);
  }
  return format.format(instant) === 'Mon';
}
