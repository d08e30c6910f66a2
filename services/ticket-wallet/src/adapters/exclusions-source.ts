import { type DataCodec, decodeRecordKey, type ValidatedEvent } from '@prizedraw/events';
import { cloudEventSource } from '@prizedraw/service';
import { Record, type SourceOptions } from '@prizedraw/stream';

/**
 * The source of `{brand}.customer.exclusions` (compacted, key customerId): customer-exclusion events, and
 * tombstones (a null value, which lifts an exclusion) passed on as a null value instead of dead-lettered.
 */
export function exclusionsSource(
  topic: string,
  dataCodec?: DataCodec,
): SourceOptions<string | null, ValidatedEvent | null> {
  const events = cloudEventSource(topic, dataCodec);
  return {
    topic,
    deserializer: (message) =>
      message.value === null
        ? new Record<string | null, ValidatedEvent | null>(
            decodeRecordKey(message.key),
            null,
            message.timestamp,
          )
        : events.deserializer(message),
  };
}
