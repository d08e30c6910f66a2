import type { DataCodec } from '@prizedraw/events';
import type { SinkOptions } from '@prizedraw/stream';
import { cloudEventSink, type Outbound } from './cloud-event-serdes';

/** CloudEvent extension attribute on an unmatched activity saying why it matched no draw. */
export const UNMATCHED_REASON_EXTENSION = 'unmatchedreason';
/** The Kafka header carrying {@link UNMATCHED_REASON_EXTENSION} (binary content mode). */
export const UNMATCHED_REASON_HEADER = `ce_${UNMATCHED_REASON_EXTENSION}`;
/** CloudEvent extension attribute on an unmatched activity: `parked` (waiting for a draw) or `expired`. */
export const UNMATCHED_STATUS_EXTENSION = 'unmatchedstatus';
/** The Kafka header carrying {@link UNMATCHED_STATUS_EXTENSION}. */
export const UNMATCHED_STATUS_HEADER = `ce_${UNMATCHED_STATUS_EXTENSION}`;

/** What an unmatched activity's status says: still waiting for a draw, or given up. */
export type UnmatchedStatus = 'parked' | 'expired';

/** Why an activity matched no draw, as its `unmatchedreason` extension says it. */
export function unmatchedReason(promoCode: string, occurredAt: number): string {
  return `no draw of promo ${promoCode} is open at ${new Date(occurredAt).toISOString()}`;
}

/** The record headers of an unmatched activity: its reason and status. */
export function unmatchedHeaders(
  promoCode: string,
  occurredAt: number,
  status: UnmatchedStatus,
): Record<string, string> {
  return {
    [UNMATCHED_REASON_HEADER]: unmatchedReason(promoCode, occurredAt),
    [UNMATCHED_STATUS_HEADER]: status,
  };
}

/**
 * A CloudEvent sink for `{brand}.cpp.unmatched.events` that also writes the record's headers (the reason and
 * status), which {@link cloudEventSink} leaves out.
 */
export function unmatchedSink(
  topic: string,
  stage: string,
  dataCodec?: DataCodec,
): SinkOptions<string | null, Outbound> {
  const sink = cloudEventSink(topic, stage, dataCodec);
  return {
    ...sink,
    serializer: (record) => {
      const message = sink.serializer(record);
      return { ...message, headers: { ...message.headers, ...record.headers } };
    },
  };
}
