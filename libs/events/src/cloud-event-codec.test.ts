import { CloudEvent, Kafka } from 'cloudevents';
import { type IncomingRecord, type PrizedrawCloudEvent, REGISTRY_CONTENT_TYPE } from './cloud-event';
import { decodeAndValidate, decodeEvent, encodeEvent, encodeStructuredEvent } from './cloud-event-codec';
import { DecodeError, ValidationError } from './errors';
import { EVENT_TYPES } from './event-schemas';

const buildEvent = (overrides: Partial<PrizedrawCloudEvent> = {}): PrizedrawCloudEvent => ({
  id: 'evt-1',
  source: '/cpp/bets',
  type: EVENT_TYPES.stake,
  specversion: '1.0',
  time: '2024-11-22T10:00:00.123+01:00',
  subject: 'a1',
  datacontenttype: 'application/json',
  data: { accountId: 'a1', promoCode: 'XMAS', activityId: 'bet-1', stakeMinor: 250, currency: 'EUR' },
  extensions: { brand: 'demo', traceparent: '00-abc-def-01' },
  timeline: [
    { stage: 'occurred', at: 1732266000123 },
    { stage: 'ingestion.in', at: 1732266000200 },
  ],
  ...overrides,
});

/** A binary-mode record as KafkaJS delivers it: every header value a Buffer. */
function asConsumed(record: {
  key?: Buffer | string;
  value: Buffer;
  headers: Record<string, string>;
}): IncomingRecord {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(record.headers)) headers[name] = Buffer.from(value);
  return { key: record.key === undefined ? null : Buffer.from(record.key), value: record.value, headers };
}

function decodeFailure(record: IncomingRecord): DecodeError {
  try {
    decodeEvent(record, { origin: { topic: 'local.demo.cpp.activity', partition: 3, offset: '42' } });
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

const binaryHeaders = {
  ce_specversion: '1.0',
  ce_id: 'evt-1',
  ce_source: '/cpp/bets',
  ce_type: EVENT_TYPES.drawTrigger,
  ce_time: '2024-11-22T10:00:00Z',
  'content-type': 'application/json',
};

describe('encodeEvent', () => {
  it('writes binary content mode: ce_* headers, JSON value, key', () => {
    const record = encodeEvent(buildEvent(), { key: 'a1' });
    expect(record.key).toBe('a1');
    expect(JSON.parse(record.value.toString())).toEqual(buildEvent().data);
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: 'evt-1',
      ce_source: '/cpp/bets',
      ce_type: 'prizedraw.stake.v1',
      ce_time: '2024-11-22T10:00:00.123+01:00',
      ce_subject: 'a1',
      ce_brand: 'demo',
      ce_traceparent: '00-abc-def-01',
      ce_timeline: 'occurred@1732266000123,ingestion.in@1732266000200',
    });
  });

  it('when the data comes as JSON text too, then that text is the value, and the headers are as without it', () => {
    const event = buildEvent();
    const dataJson = '{"customerId" : "acc-1"}';
    const record = encodeEvent(event, { key: 'a1', dataJson });
    expect(record.value.toString()).toBe(dataJson);
    expect(record.headers).toEqual(encodeEvent(event, { key: 'a1' }).headers);
  });

  it('when there is no key, subject or timeline, then leaves them out', () => {
    const { subject: _s, ...event } = buildEvent({ timeline: [], extensions: {} });
    const record = encodeEvent(event);
    expect(record).not.toHaveProperty('key');
    expect(Object.keys(record.headers).sort()).toEqual([
      'ce_id',
      'ce_source',
      'ce_specversion',
      'ce_time',
      'ce_type',
      'content-type',
    ]);
  });

  it('when an extension name breaks the spec or shadows an attribute, then throws', () => {
    expect(() => encodeEvent(buildEvent({ extensions: { 'Bad-Name': 'x' } }))).toThrow(TypeError);
    expect(() => encodeEvent(buildEvent({ extensions: { type: 'x' } }))).toThrow(TypeError);
  });

  it('when a required attribute is empty, then throws', () => {
    expect(() => encodeEvent(buildEvent({ id: '' }))).toThrow(/non-empty id/);
  });

  it('is readable by the cloudevents package', () => {
    const record = encodeEvent(buildEvent(), { key: 'a1' });
    // The binding's Message type lacks key and value, though its Kafka reader reads them.
    const message = { key: 'a1', value: record.value, headers: record.headers, body: record.value };
    const event = Kafka.toEvent(message as Parameters<typeof Kafka.toEvent>[0]);
    expect(event).toBeInstanceOf(CloudEvent);
    const read = event as CloudEvent<unknown>;
    expect(read.data).toEqual(buildEvent().data);
    expect(read.type).toBe('prizedraw.stake.v1');
    expect(read.brand).toBe('demo');
    expect(read.timeline).toBe('occurred@1732266000123,ingestion.in@1732266000200');
  });
});

describe('decodeEvent', () => {
  it('round-trips binary mode with string headers', () => {
    expect(decodeEvent(encodeEvent(buildEvent(), { key: 'a1' }))).toEqual(buildEvent());
  });

  it('round-trips binary mode with Buffer headers (KafkaJS)', () => {
    expect(decodeEvent(asConsumed(encodeEvent(buildEvent(), { key: 'a1' })))).toEqual(buildEvent());
  });

  it('round-trips structured mode', () => {
    const record = encodeStructuredEvent(buildEvent(), { key: 'a1' });
    expect(record.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(decodeEvent(asConsumed(record))).toEqual(buildEvent());
  });

  it('reads structured mode written by the cloudevents package', () => {
    const event = new CloudEvent({
      id: 'x',
      source: '/s',
      type: EVENT_TYPES.drawTrigger,
      time: '2024-11-22T10:00:00.000Z',
      data: { drawId: 'd1' },
      timeline: 'occurred@1',
      brand: 'demo',
    });
    const message = Kafka.structured(event);
    const decoded = decodeEvent({
      value: Buffer.from(message.value),
      headers: message.headers as Record<string, string>,
    });
    expect(decoded).toMatchObject({
      id: 'x',
      data: { drawId: 'd1' },
      extensions: { brand: 'demo' },
      timeline: [{ stage: 'occurred', at: 1 }],
    });
  });

  it('when the content type is structured, then structured mode wins over stray ce_* headers', () => {
    const record = encodeStructuredEvent(buildEvent());
    const decoded = decodeEvent({
      ...record,
      headers: { ...record.headers, ce_specversion: '1.0', ce_id: 'other' },
    });
    expect(decoded).toEqual(buildEvent());
  });

  it('keeps the offset of ce_time as received', () => {
    expect(
      decodeEvent({ value: '{}', headers: { ...binaryHeaders, ce_time: '2024-11-22T10:00:00-05:00' } }).time,
    ).toBe('2024-11-22T10:00:00-05:00');
  });

  it('when a header repeats, then the last one wins', () => {
    const decoded = decodeEvent({
      value: '{}',
      headers: { ...binaryHeaders, ce_id: [Buffer.from('a'), 'b'] },
    });
    expect(decoded.id).toBe('b');
  });

  it('when content-type is missing in binary mode, then the data is read as JSON', () => {
    const { 'content-type': _ct, ...headers } = binaryHeaders;
    expect(decodeEvent({ value: '{"drawId":"d"}', headers }).data).toEqual({ drawId: 'd' });
  });

  it('when the timeline header is garbled, then keeps the readable stamps', () => {
    const decoded = decodeEvent({ value: '{}', headers: { ...binaryHeaders, ce_timeline: 'x@1,??,y@2' } });
    expect(decoded.timeline).toEqual([
      { stage: 'x', at: 1 },
      { stage: 'y', at: 2 },
    ]);
  });

  const failures: [string, IncomingRecord, RegExp][] = [
    ['a null value (tombstone)', { value: null, headers: binaryHeaders }, /no value/],
    [
      'no headers and garbage bytes',
      { value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
      /not a CloudEvent.*content-type is missing/,
    ],
    [
      'plain JSON without CloudEvent headers',
      { value: '{"drawId":"d"}', headers: { 'content-type': 'application/json' } },
      /not a CloudEvent/,
    ],
    [
      'specversion 0.3',
      { value: '{}', headers: { ...binaryHeaders, ce_specversion: '0.3' } },
      /unsupported ce_specversion "0.3"/,
    ],
    ['no ce_id', { value: '{}', headers: { ...binaryHeaders, ce_id: '' } }, /missing required header ce_id/],
    [
      'no ce_source',
      { value: '{}', headers: { ...binaryHeaders, ce_source: undefined } },
      /missing required header ce_source/,
    ],
    [
      'no ce_type',
      { value: '{}', headers: { ...binaryHeaders, ce_type: undefined } },
      /missing required header ce_type/,
    ],
    [
      'no ce_time',
      { value: '{}', headers: { ...binaryHeaders, ce_time: undefined } },
      /missing attribute ce_time/,
    ],
    [
      'a time without offset',
      { value: '{}', headers: { ...binaryHeaders, ce_time: '2024-11-22T10:00:00' } },
      /ce_time must be an RFC 3339/,
    ],
    [
      'an impossible date',
      { value: '{}', headers: { ...binaryHeaders, ce_time: '2024-13-45T10:00:00Z' } },
      /ce_time must be an RFC 3339/,
    ],
    ['bad JSON data', { value: Buffer.from('{"drawId":'), headers: binaryHeaders }, /data is not valid JSON/],
    ['empty data', { value: Buffer.alloc(0), headers: binaryHeaders }, /data is not valid JSON/],
    [
      'non-JSON data',
      { value: 'hi', headers: { ...binaryHeaders, 'content-type': 'text/plain' } },
      /unsupported data content type "text\/plain"/,
    ],
    [
      'structured garbage',
      { value: 'nope', headers: { 'content-type': 'application/cloudevents+json' } },
      /structured-mode value is not valid JSON/,
    ],
    [
      'structured non-object',
      { value: '[1]', headers: { 'content-type': 'application/cloudevents+json' } },
      /not a JSON object/,
    ],
    [
      'structured batch',
      { value: '[]', headers: { 'content-type': 'application/cloudevents-batch+json' } },
      /unsupported structured content type/,
    ],
    [
      'structured without id',
      {
        value: JSON.stringify({
          specversion: '1.0',
          source: '/s',
          type: 't',
          time: '2024-11-22T10:00:00Z',
          data: {},
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
      /missing required attribute id/,
    ],
    [
      'structured without data',
      {
        value: JSON.stringify({
          specversion: '1.0',
          id: 'i',
          source: '/s',
          type: 't',
          time: '2024-11-22T10:00:00Z',
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
      /event has no data/,
    ],
    [
      'structured with binary data',
      {
        value: JSON.stringify({
          specversion: '1.0',
          id: 'i',
          source: '/s',
          type: 't',
          time: '2024-11-22T10:00:00Z',
          data_base64: 'AA==',
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
      /data_base64/,
    ],
    [
      'structured with a bad extension name',
      {
        value: JSON.stringify({
          specversion: '1.0',
          id: 'i',
          source: '/s',
          type: 't',
          time: '2024-11-22T10:00:00Z',
          data: {},
          BadName: 1,
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
      /not a valid CloudEvent: invalid extension name: BadName/,
    ],
    [
      'structured with a numeric source',
      {
        value: JSON.stringify({
          specversion: '1.0',
          id: 'i',
          source: 5,
          type: 't',
          time: '2024-11-22T10:00:00Z',
          data: {},
        }),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
      /attribute source must be a string/,
    ],
  ];

  it.each(failures)(
    'when the record has %s, then DecodeError with the reason and origin',
    (_case, record, reason) => {
      const error = decodeFailure(record);
      expect(error.reason).toMatch(reason);
      expect(error.message).toContain(error.reason);
      expect(error).toMatchObject({
        retriable: false,
        topic: 'local.demo.cpp.activity',
        partition: 3,
        offset: '42',
      });
    },
  );

  it('when the data is in the schema registry wire format, then the JSON after its header is the data', () => {
    const value = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from('{"drawId":"d1"}')]);
    const headers = { ...binaryHeaders, 'content-type': REGISTRY_CONTENT_TYPE };
    expect(decodeEvent({ value, headers })).toMatchObject({
      datacontenttype: REGISTRY_CONTENT_TYPE,
      data: { drawId: 'd1' },
    });
    // A producer that framed the data but still said application/json is read the same way.
    expect(decodeEvent({ value, headers: binaryHeaders }).data).toEqual({ drawId: 'd1' });
  });

  it('when the data after the wire-format header is not JSON, then DecodeError', () => {
    const value = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from('{"drawId":')]);
    expect(decodeFailure({ value, headers: binaryHeaders }).reason).toMatch(/data is not valid JSON/);
  });

  it('when the id is known, then the DecodeError carries it', () => {
    expect(decodeFailure({ value: 'x', headers: binaryHeaders }).eventId).toBe('evt-1');
  });
});

describe('decodeAndValidate', () => {
  it('returns the event with validated data, narrowed by type', () => {
    const event = decodeAndValidate(asConsumed(encodeEvent(buildEvent())));
    if (event.type !== EVENT_TYPES.stake) throw new Error('expected a stake');
    expect(event.data.stakeMinor).toBe(250);
  });

  it('fills defaults', () => {
    const record = encodeEvent(
      buildEvent({
        type: EVENT_TYPES.drawDefined,
        data: {
          drawId: 'd',
          promoCode: 'p',
          opensAt: '2024-12-01T00:00:00Z',
          closesAt: '2024-12-02T00:00:00Z',
          timezone: 'UTC',
          administrator: 'sca',
          prizes: [{ prizeId: 'p', name: 'P', quantity: 1 }],
          defaultPrize: null,
        },
      }),
    );
    expect(decodeAndValidate(record).data).toMatchObject({ maxWinsPerCustomer: 1, milestones: [] });
  });

  it('when the type is unknown, then ValidationError naming type', () => {
    expect(() => decodeAndValidate(encodeEvent(buildEvent({ type: 'acme.unknown.v1' })))).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: expect.stringMatching(/^type: Unknown event type/),
      }),
    );
  });

  it('when the data fails its schema, then ValidationError with the field, event id and origin', () => {
    const record = encodeEvent(buildEvent({ data: { ...(buildEvent().data as object), stakeMinor: '250' } }));
    let caught: unknown;
    try {
      decodeAndValidate(record, { origin: { topic: 'tp', partition: 0, offset: '9' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught).toMatchObject({
      message: 'data.stakeMinor: Expected number, received string',
      eventId: 'evt-1',
      topic: 'tp',
      partition: 0,
      offset: '9',
      retriable: false,
    });
  });
});
