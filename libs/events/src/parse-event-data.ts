import type { z } from 'zod';
import { type InvalidRecordErrorOptions, ValidationError, type ValidationIssue } from './errors';
import { type EventData, type EventType, eventSchemas, isEventType } from './event-schemas';

/** `['prizes', 0, 'name']` -> `data.prizes[0].name`, the path as a person would write it. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = 'data';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return text;
}

// zod 4 says "Invalid input: expected number, received string"; the field path already says where.
function formatMessage(message: string): string {
  const prefix = 'Invalid input: ';
  if (!message.startsWith(prefix)) return message;
  return message.charAt(prefix.length).toUpperCase() + message.slice(prefix.length + 1);
}

/** zod issues as {@link ValidationIssue}s with `data.`-rooted paths. */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: formatMessage(issue.message) }));
}

/**
 * Validates `data` against the schema of event `type` and returns it with defaults filled in.
 *
 * @example parseEventData('prizedraw.draw-trigger.v1', { drawId: 'd1' }) // { drawId: 'd1' }
 * @throws ValidationError naming `type` when the type is unknown, or every failing field path
 *   (`data.stakeMinor: Expected number, received string`).
 */
export function parseEventData<T extends EventType>(
  type: T,
  data: unknown,
  options?: InvalidRecordErrorOptions,
): EventData<T>;
export function parseEventData(
  type: string,
  data: unknown,
  options?: InvalidRecordErrorOptions,
): EventData<EventType>;
export function parseEventData(
  type: string,
  data: unknown,
  options: InvalidRecordErrorOptions = {},
): EventData<EventType> {
  if (!isEventType(type)) {
    const known = Object.keys(eventSchemas).join(', ');
    throw new ValidationError(
      [{ path: 'type', message: `Unknown event type ${JSON.stringify(type)}; known: ${known}` }],
      {
        ...options,
        eventType: type,
      },
    );
  }
  const result = eventSchemas[type].safeParse(data);
  if (!result.success) {
    throw new ValidationError(toValidationIssues(result.error.issues), { ...options, eventType: type });
  }
  return result.data;
}
