import type { Activity } from './activity-of';

/** Why an activity went to the unmatched topic, as its `unmatchedreason` extension says it. */
export function unmatchedReason(activity: Activity): string {
  return `no draw of promo ${activity.promoCode} is open at ${new Date(activity.occurredAt).toISOString()}`;
}
