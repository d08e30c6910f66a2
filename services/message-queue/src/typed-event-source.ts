import {
  type DataCodec,
  type EventData,
  type EventType,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { cloudEventSource } from '@prizedraw/service';
import { Record, type SourceOptions } from '@prizedraw/stream';

/**
 * A CloudEvent source that takes only events of `type`: any other type is dead-lettered with the reason,
 * like a record that fails its schema. The record's value is the event's validated data.
 */
export function typedEventSource<T extends EventType>(
  topic: string,
  type: T,
  dataCodec?: DataCodec,
): SourceOptions<string | null, EventData<T>> {
  const source = cloudEventSource(topic, dataCodec);
  const only = (record: Record<string | null, ValidatedEvent>) => {
    if (record.value.type !== type)
      throw new ValidationError(
        [{ path: 'ce_type', message: `Expected ${type}, got ${record.value.type}` }],
        {
          eventType: record.value.type,
        },
      );
    return new Record(record.key, record.value.data as EventData<T>, record.timestamp);
  };
  return {
    topic,
    deserializer: (message) => {
      const record = source.deserializer(message);
      return record instanceof Promise ? record.then(only) : only(record);
    },
  };
}
