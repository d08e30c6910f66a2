import type { EnrichedActivity, Unqualification } from '@prizedraw/events';

// A promotion that reports unqualified customers names the week in a tag `week-<n>`; without one it is week
// two, the week seed 001 says arrives on the activity topic (week one comes from EPPM).
const WEEK_TAG = /^week-([1-9]\d{0,3})$/;
const DEFAULT_WEEK = 2;

/** The week an unqualification activity is for: its draw's `week-<n>` tag, else week two. */
export function weekOf(tags: readonly string[]): number {
  for (const tag of tags) {
    const match = WEEK_TAG.exec(tag);
    if (match) return Number(match[1]);
  }
  return DEFAULT_WEEK;
}

/**
 * TIM's unqualification output (seed 001, week two): an activity of a promotion tagged as unqualification
 * becomes the same `prizedraw.unqualification.v1` that week one's EPPM verdicts become, so notifications
 * tells the customer the same way whichever week it is.
 */
export function unqualificationOf(activity: EnrichedActivity, promoCode: string): Unqualification {
  return {
    accountId: activity.customerId,
    promoCode,
    week: weekOf(activity.tags),
    activityId: activity.activityId,
  };
}
