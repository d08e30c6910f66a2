import {
  bind,
  type EnrichedActivity,
  PIPELINE_EVENT_TYPES,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { Record, type SerializedMessage } from '@prizedraw/stream';
import { cloudEventSink, cloudEventSource, type Outbound } from './cloud-event-serdes';

// A fused topology's stage takes the event the stage before it wrote as it was before encoding
// (cloudEventSource's adopt); it must get what decoding the written bytes gives, errors included.

const TOPIC = 'local.serdes.events';
const source = cloudEventSource(TOPIC);
const sink = cloudEventSink(TOPIC, 'dedupe');

const input = {
  time: '2024-11-15T12:00:00.000+01:00',
  timeline: [
    { stage: 'occurred', at: 1_731_668_400_000 },
    { stage: 'enrichment.out', at: 1_731_668_400_120 },
  ],
  extensions: { activitypartition: '3' },
};

const enriched = (overrides: Partial<EnrichedActivity> = {}): EnrichedActivity => ({
  drawId: 'xmas-2024',
  customerId: 'acc-1',
  kind: 'entry',
  activityId: 'entry-1',
  occurredAt: '2024-11-15T12:00:00.000Z',
  email: 'ana@example.com',
  tags: ['entry', 'utm:spring'],
  draw: {
    administrator: 'sca',
    closesAt: '2024-12-01T00:00:00.000Z',
    stakePerTicketMinor: 1000,
    maxWinsPerCustomer: 2,
    milestones: [5000, 10000],
    dedupeOnEmail: true,
  },
  entry: {
    entryId: 'entry-1',
    utmContent: 'spring',
    email: 'ana@example.com',
    firstName: 'Ana',
    enteredAt: '2024-11-15T12:00:00.000Z',
  },
  ...overrides,
});

function written(key: string | null, value: Outbound): SerializedMessage {
  return sink.serializer(new Record(key, value, 1_731_668_400_500));
}

type Read = Record<string | null, ValidatedEvent>;

/** The record a consumer of the topic reads from the message, and the one adopted from its event. */
function readBothWays(key: string | null, value: Outbound) {
  const message = written(key, value);
  const { headers, decoded } = message;
  const bytes = () => <Read>source.deserializer({
      key: key === null ? null : Buffer.from(key),
      value: message.value as Buffer,
      headers: headers as { [name: string]: string },
      timestamp: 1_731_668_400_500,
    });
  const adopted = () =>
    <Read | undefined>(
      source.adopt!({ key: message.key ?? null, headers, timestamp: 1_731_668_400_500, decoded })
    );
  return { decoded, bytes, adopted };
}

function thrownBy(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

describe('cloudEventSource adopting what a linked cloudEventSink wrote', () => {
  it.each([
    ['an enriched entry with every optional part', 'acc-1', enriched()],
    [
      'an enriched stake without the optional parts',
      'acc-2',
      enriched({ kind: 'stake', stakeMinor: 2500, email: undefined, entry: undefined }),
    ],
    [
      'astral and accented text in the key and the data',
      'jo\u00e3o-\u{1f600}',
      enriched({ customerId: 'jo\u00e3o-\u{1f600}' }),
    ],
  ])('gives what decoding the written bytes gives: %s', (_, key, data) => {
    const { decoded, bytes, adopted } = readBothWays(key, {
      type: PIPELINE_EVENT_TYPES.enrichedActivity,
      binder: bind(data, input),
      time: input.time,
    });
    expect(decoded).toBeDefined();
    expect(adopted()).toEqual(bytes());
  });

  it('gives what decoding gives for a keyless event with a given id and no input', () => {
    const { bytes, adopted } = readBothWays(null, {
      type: PIPELINE_EVENT_TYPES.ticketsGranted,
      binder: bind({
        drawId: 'xmas-2024',
        customerId: 'acc-1',
        grantId: 'bet-1',
        tickets: 2,
        total: 5,
        maxWinsPerCustomer: 1,
      }),
      id: 'bet-1:grant',
    });
    expect(adopted()).toEqual(bytes());
  });

  it('shares no object of the data with the writer', () => {
    const data = enriched();
    const { adopted } = readBothWays('acc-1', {
      type: PIPELINE_EVENT_TYPES.enrichedActivity,
      binder: bind(data, input),
    });
    const event = adopted()!.value;
    if (event.type !== PIPELINE_EVENT_TYPES.enrichedActivity) throw new Error(event.type);
    expect(event.data).not.toBe(data);
    expect(event.data.draw).not.toBe(data.draw);
    expect(event.data.draw.milestones).not.toBe(data.draw.milestones);
    expect(event.data.entry).not.toBe(data.entry);
    expect(event.data.tags).not.toBe(data.tags);
  });

  it('throws the validation error decoding throws when the data breaks its schema', () => {
    const { bytes, adopted } = readBothWays('acc-1', {
      type: PIPELINE_EVENT_TYPES.enrichedActivity,
      binder: bind({ ...enriched(), tags: 'entry' } as unknown as EnrichedActivity, input),
    });
    const fromBytes = thrownBy(bytes);
    expect(fromBytes).toBeInstanceOf(ValidationError);
    expect(thrownBy(adopted)).toEqual(fromBytes);
  });

  it('leaves a key with half a surrogate pair to decoding, which reads it back as U+FFFD', () => {
    const { bytes, adopted } = readBothWays('acc-\ud800', {
      type: PIPELINE_EVENT_TYPES.enrichedActivity,
      binder: bind(enriched(), input),
    });
    expect(adopted()).toBeUndefined();
    expect(bytes().key).toBe('acc-\ufffd');
  });
});
