import { type DrawDefined, EVENT_TYPES } from '@prizedraw/events';
import type { NormalizedActivity } from './normalize-activity';

/**
 * The record key of an activity that counts for `draws`: its customer (the account id, or an anonymous
 * entry's email), except for an entry into a draw that takes one entry per email, which is keyed by its
 * normalized email even when it names an account, so all of one address's entries meet on one partition
 * and dedupe keeps the first. When the draws disagree (one dedupes on email, another does not) the email
 * wins: a record has one key, and keying by account would let the address enter twice.
 */
export function customerKey(activity: NormalizedActivity, draws: readonly DrawDefined[]): string {
  if (activity.type === EVENT_TYPES.entry && draws.some((draw) => draw.dedupeOnEmail))
    return activity.data.email;
  return activity.customerId;
}
