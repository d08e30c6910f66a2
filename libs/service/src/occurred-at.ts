import { type ValidatedEvent, ValidationError } from '@prizedraw/events';

/**
 * When an activity happened (its `time`), epoch ms: what decides the draws it counts for.
 *
 * @throws ValidationError (the record is dead-lettered) when `time` is not a date.
 */
export function occurredAtOf(event: ValidatedEvent): number {
  const at = Date.parse(event.time);
  if (Number.isNaN(at)) {
    throw new ValidationError([{ path: 'time', message: `Expected a date-time, got ${event.time}` }], {
      eventType: event.type,
      eventId: event.id,
    });
  }
  return at;
}
