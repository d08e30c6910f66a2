import type { IncomingRecord, PrizedrawCloudEvent } from './cloud-event';
import { decodeAndValidate, encodeEvent } from './cloud-event-codec';
import { DecodeError } from './errors';
import { EVENT_TYPES } from './event-schemas';
import { readBackEvent, readsBackAsWritten } from './read-back-event';

const event = (overrides: Partial<PrizedrawCloudEvent> = {}): PrizedrawCloudEvent => ({
  id: 'evt-1',
  source: '/cpp/bets',
  type: EVENT_TYPES.stake,
  specversion: '1.0',
  time: '2024-11-22T10:00:00.123+01:00',
  data: { accountId: 'a1', promoCode: 'XMAS', activityId: 'bet-1', stakeMinor: 250, currency: 'EUR' },
  extensions: { brand: 'demo' },
  timeline: [{ stage: 'occurred', at: 1732266000123 }],
  ...overrides,
});

/** What a consumer decodes of the record encodeEvent writes, header values as KafkaJS gives them. */
function consumed(written: PrizedrawCloudEvent): ReturnType<typeof decodeAndValidate> {
  const { key, value, headers } = encodeEvent(written, { key: 'a1' });
  const bytes: IncomingRecord['headers'] = {};
  for (const name in headers) bytes[name] = Buffer.from(headers[name]!);
  return decodeAndValidate({ key: key === undefined ? null : Buffer.from(key), value, headers: bytes });
}

describe('readBackEvent', () => {
  it.each([
    ['a subject, a data schema and extensions', event({ subject: 'a1', dataschema: 'urn:schema:stake' })],
    ['no datacontenttype and an empty timeline', event({ datacontenttype: undefined, timeline: [] })],
    [
      'an extension named timeline, which the timeline header replaces',
      event({ extensions: { timeline: 'x' } }),
    ],
  ])('gives what decoding the written record gives: %s', (_, written) => {
    expect(readBackEvent(written)).toEqual(consumed(written));
  });

  it('throws the DecodeError decoding throws for a time that is not RFC 3339', () => {
    const written = event({ time: '2024-11-22' });
    expect(() => readBackEvent(written)).toThrow(DecodeError);
    expect(() => readBackEvent(written)).toThrow(/ce_time must be an RFC 3339 date-time/);
  });
});

describe('readsBackAsWritten', () => {
  const record = { value: Buffer.from('{}'), headers: { ce_id: 'evt-\u{1f600}' } };

  it('accepts surrogate pairs', () => {
    expect(readsBackAsWritten({ ...record, key: 'a\u{1f600}' })).toBe(true);
  });

  it.each([
    ['key', { ...record, key: 'a\ud800' }],
    ['header value', { ...record, headers: { ce_id: 'evt-\udc00' } }],
    ['header name', { ...record, headers: { 'ce_x\ud800': 'v' } }],
  ])('refuses half a surrogate pair in a %s', (_, written) => {
    expect(readsBackAsWritten(written)).toBe(false);
  });
});
