import { randomUUID } from 'node:crypto';
import type { PrizedrawCloudEvent } from './cloud-event';
import { checkStamp, type Stamp } from './timeline';

/**
 * A value on its way through the pipeline with the timestamps of every hop it passed. A processor binds its
 * output data to the input event, stamps its own stages, and turns the binder into the outgoing event, so
 * end-to-end and per-hop latency can be read from any record.
 */
export type Binder<T> = { data: T; timeline: Stamp[]; activityPartition?: string };

/**
 * Extension attribute (header `ce_activitypartition`) naming the partition of the activity topic an event's
 * activity was read from. Ingestion sets it; {@link bind} and {@link toCloudEvent} carry it on like the
 * timeline, so the grant reaching the ticket wallet names it and the wallet can tell whether that partition's
 * draw marker has already passed.
 */
export const ACTIVITY_PARTITION_ATTRIBUTE = 'activitypartition';

/** Stage of the first stamp: when the occurrence happened (the first event's `time`). */
export const OCCURRED_STAGE = 'occurred';

/**
 * Binds `data` to the timeline of the event it came from: a copy of that timeline, or, when the event has
 * none (a producer outside prizedraw), one starting with `occurred@<event time>`. Without an event the
 * timeline starts empty and {@link toCloudEvent} opens it.
 *
 * @example
 * let out = bind(grant, input); // input: the decoded stake event
 * out = stamp(out, 'ticket-rules.out');
 * producer.send({ topic, messages: [encodeEvent(toCloudEvent(out, { type, source }), { key })] });
 */
export function bind<T>(
  data: T,
  fromEvent?: Pick<PrizedrawCloudEvent, 'time' | 'timeline'> &
    Partial<Pick<PrizedrawCloudEvent, 'extensions'>>,
): Binder<T> {
  if (fromEvent === undefined) return { data, timeline: [] };
  const activityPartition = fromEvent.extensions?.[ACTIVITY_PARTITION_ATTRIBUTE];
  const carried = activityPartition === undefined ? {} : { activityPartition };
  if (fromEvent.timeline.length > 0) return { data, timeline: [...fromEvent.timeline], ...carried };
  const occurred = Date.parse(fromEvent.time);
  const timeline = Number.isNaN(occurred) ? [] : [{ stage: OCCURRED_STAGE, at: occurred }];
  return { data, timeline, ...carried };
}

/**
 * A copy of `binder` with `stage@at` appended (the binder itself is not changed).
 *
 * @throws RangeError when `stage` does not match `[a-z0-9.-]+` or `at` is not epoch milliseconds.
 */
export function stamp<T>(binder: Binder<T>, stage: string, at: number = Date.now()): Binder<T> {
  const next = { stage, at };
  checkStamp(next);
  return { ...binder, timeline: [...binder.timeline, next] };
}

// The last time converted each way. Records written within the same millisecond (dozens, under load) share
// the clock's text, and a draw's million results all keep the time of its trigger: each is then converted
// once instead of once per record.
const lastFormatted = { ms: Number.NaN, text: '' };
const lastParsed = { text: '', ms: Number.NaN };

function isoTimeOf(ms: number): string {
  if (ms !== lastFormatted.ms) {
    lastFormatted.text = new Date(ms).toISOString();
    lastFormatted.ms = ms;
  }
  return lastFormatted.text;
}

function msOf(text: string): number {
  if (text !== lastParsed.text) {
    lastParsed.ms = Date.parse(text);
    lastParsed.text = text;
  }
  return lastParsed.ms;
}

/** Attributes of the event {@link toCloudEvent} makes. */
export interface ToCloudEventOptions {
  type: string;
  /** URI-reference of the producing service, e.g. `/prizedraw/ticket-rules`. */
  source: string;
  subject?: string;
  /** Default: a random UUID. Derive it from the input (e.g. `${input.id}:grant`) to make retries idempotent. */
  id?: string;
  /** When the occurrence happened, RFC 3339. Default: now. Pass the input's time to keep it. */
  time?: string;
  extensions?: Record<string, string>;
}

/**
 * The outgoing event carrying the binder's data and timeline. An empty timeline is opened with
 * `occurred@<time>`, so every event prizedraw writes can be measured.
 */
export function toCloudEvent<T>(binder: Binder<T>, options: ToCloudEventOptions): PrizedrawCloudEvent<T> {
  // Parsed only when given: a time made here from the clock needs no check (every output record passes here).
  const now = options.time === undefined ? Date.now() : msOf(options.time);
  if (Number.isNaN(now)) throw new RangeError(`time must be an RFC 3339 date-time, got ${options.time}`);
  const time = options.time ?? isoTimeOf(now);
  const timeline = binder.timeline.length > 0 ? [...binder.timeline] : [{ stage: OCCURRED_STAGE, at: now }];
  const event: PrizedrawCloudEvent<T> = {
    id: options.id ?? randomUUID(),
    source: options.source,
    type: options.type,
    specversion: '1.0',
    time,
    datacontenttype: 'application/json',
    data: binder.data,
    extensions:
      binder.activityPartition === undefined
        ? { ...options.extensions }
        : { ...options.extensions, [ACTIVITY_PARTITION_ATTRIBUTE]: binder.activityPartition },
    timeline,
  };
  if (options.subject !== undefined) event.subject = options.subject;
  return event;
}
