import { type EnrichedActivity, PIPELINE_EVENT_TYPES, ValidationError } from '@prizedraw/events';

/**
 * The amount an activity brings: a stake's `stakeMinor`, an award's `tickets`, 1 for an entry.
 *
 * @throws ValidationError (the record is dead-lettered) when the field its kind needs is missing.
 */
export function activityAmount(activity: EnrichedActivity, eventId: string): number {
  const field = activity.kind === 'stake' ? 'stakeMinor' : activity.kind === 'award' ? 'tickets' : undefined;
  if (field === undefined) return 1;
  const amount = activity[field];
  if (amount !== undefined) return amount;
  throw new ValidationError([{ path: `data.${field}`, message: `Expected ${field} on a ${activity.kind}` }], {
    eventType: PIPELINE_EVENT_TYPES.enrichedActivity,
    eventId,
  });
}
