import { randomUUID } from 'node:crypto';
import {
  type Binder,
  bind,
  type DataCodec,
  decodeAndValidate,
  decodeRecordKey,
  type EncodeOptions,
  encodeEvent,
  type OutgoingRecord,
  type PrizedrawCloudEvent,
  readBackEvent,
  readsBackAsWritten,
  stamp,
  type ToCloudEventOptions,
  toCloudEvent,
  type ValidatedEvent,
} from '@prizedraw/events';
import { Record, type SinkOptions, type SourceOptions } from '@prizedraw/stream';

/**
 * What a processor forwards to a CloudEvent sink: the event type, the data bound to the timeline of the
 * input it came from, and optionally where it must go (one partition, or several for a broadcast).
 */
export interface Outbound<T = unknown> {
  readonly type: string;
  readonly binder: Binder<T>;
  readonly partition?: number | readonly number[];
  readonly id?: string;
  /** When the occurrence happened; default the input event's time. */
  readonly time?: string;
  /** The data as JSON text, when the processor made it anyway: see {@link EncodeOptions.dataJson}. */
  readonly dataJson?: string;
}

/** Builds an {@link Outbound} whose timeline continues the input event's. */
export function outbound<T>(
  type: string,
  data: T,
  from?: PrizedrawCloudEvent,
  options: { partition?: number | readonly number[]; id?: string } = {},
): Outbound<T> {
  return { type, binder: bind(data, from), time: from?.time, ...options };
}

/**
 * A source reading CloudEvents of the contract: decodes binary or structured mode and validates the data;
 * records that fail either go to the dead-letter topic. The record key is the message key. Data may be plain
 * JSON or registry-framed; with a registry `dataCodec` the schema id of framed data is checked with the
 * registry (the deserializer then returns a Promise for the first record of an id it has not seen).
 * Linked to a {@link cloudEventSink} in a fused topology, it takes the event that sink wrote as it was
 * before encoding, validated anew ({@link readBackEvent}), when there is no registry.
 */
export function cloudEventSource(
  topic: string,
  dataCodec?: DataCodec,
): SourceOptions<string | null, ValidatedEvent> {
  if (dataCodec?.schemaRegistryUrl === undefined) {
    return {
      topic,
      deserializer: (message) =>
        new Record(decodeRecordKey(message.key), decodeAndValidate(message), message.timestamp),
      adopt: (written) => {
        if (!readsBackAsWritten(written)) return undefined;
        const { key, decoded, timestamp } = written;
        return new Record(
          typeof key === 'string' ? key : decodeRecordKey(key),
          readBackEvent(decoded as PrizedrawCloudEvent),
          timestamp,
        );
      },
    };
  }
  const options = { dataCodec };
  return {
    topic,
    deserializer: (message) => {
      const key = decodeRecordKey(message.key);
      const event = decodeAndValidate(message, options);
      return event instanceof Promise
        ? event.then((decoded) => new Record(key, decoded, message.timestamp))
        : new Record(key, event, message.timestamp);
    },
  };
}

/**
 * A sink writing {@link Outbound} values as binary-mode CloudEvents from `/prizedraw/<stage>`, stamping
 * `<stage>.out` on the timeline; the partition comes from the outbound value, else from the key. The data is
 * plain JSON, or registry-framed with a registry `dataCodec`.
 */
export function cloudEventSink(
  topic: string,
  stage: string,
  dataCodec?: DataCodec,
): SinkOptions<string | null, Outbound> {
  // Registry-framed data is checked with the registry when read: a linked source decodes it.
  const givesDecoded = dataCodec?.schemaRegistryUrl === undefined;
  // Made once: every record this sink writes has them.
  const source = `/prizedraw/${stage}`;
  const outStage = `${stage}.out`;
  const keyless: EncodeOptions = { dataCodec, topic };
  return {
    topic,
    serializer: (record) => {
      const { type, binder, id, time, dataJson } = record.value;
      const attributes: ToCloudEventOptions = { type, source, id: id ?? randomUUID() };
      if (time !== undefined) attributes.time = time;
      if (record.key !== null) attributes.subject = record.key;
      const event = toCloudEvent(stamp(binder, outStage), attributes);
      const options: EncodeOptions =
        record.key === null && dataJson === undefined
          ? keyless
          : { key: record.key ?? undefined, dataCodec, topic, dataJson };
      const encoded: OutgoingRecord & { decoded?: PrizedrawCloudEvent } = encodeEvent(event, options);
      // Set on the record encodeEvent just made, rather than on a copy of it: one object less per record.
      if (givesDecoded) encoded.decoded = event;
      return encoded;
    },
    partitioner: (record) => record.value.partition,
  };
}
