import {
  bind,
  decodeEvent,
  encodeEvent,
  type PrizedrawCloudEvent,
  stamp,
  toCloudEvent,
} from '@prizedraw/events';
import { Record, Topology } from '../../src';

/** A stateless topology for the benchmark: decode, stamp, re-encode. */
export function passThroughTopology(topics: { input: string; output: string }): Topology {
  return new Topology()
    .addSource('in', {
      topic: topics.input,
      deserializer: (message) =>
        new Record(message.key?.toString() ?? null, decodeEvent(message), message.timestamp),
    })
    .addSink(
      'out',
      {
        topic: topics.output,
        serializer: (record: Record<string | null, PrizedrawCloudEvent>) => {
          const event = record.value;
          const out = toCloudEvent(stamp(bind(event.data, event), 'pass.out'), {
            type: event.type,
            source: '/prizedraw/bench',
          });
          return encodeEvent(out, record.key === null ? {} : { key: record.key });
        },
      },
      'in',
    );
}
