import { decodeEvent } from './cloud-event-codec';
import { DecodeError } from './errors';
import { EVENT_TYPES } from './event-schemas';

// Header values reach readEnvelope as KafkaJS's Buffers (a reader on KafkaJS) or as text with the values
// that are not UTF-8 kept apart as bytes (the stream runtime): either way a CloudEvent header that is not
// UTF-8 must be rejected, never read with its bad bytes turned into U+FFFD (two ids would become one).

const BAD = Buffer.from([0x65, 0x2d, 0xff, 0xfe]);
const origin = { topic: 'local.demo.cpp.activity', partition: 3, offset: '42' };

const headers = {
  ce_specversion: '1.0',
  ce_id: 'evt-1',
  ce_source: '/cpp/bets',
  ce_type: EVENT_TYPES.drawTrigger,
  ce_time: '2024-11-22T10:00:00Z',
  ce_subject: 'd-1',
  'content-type': 'application/json',
};
const value = Buffer.from('{"drawId":"d-1"}');

/** The headers as KafkaJS delivers them: every value a Buffer. */
const asBuffers = (text: Record<string, string>) =>
  Object.fromEntries(Object.entries(text).map(([name, v]) => [name, Buffer.from(v)]));

describe('readEnvelope, header values that are not UTF-8', () => {
  it.each([
    'ce_specversion',
    'ce_id',
    'ce_source',
    'ce_type',
    'ce_time',
    'ce_subject',
    'ce_brand',
    'content-type',
    'Content-Type',
  ])(
    'when KafkaJS delivers a %s header that is not UTF-8, then DecodeError names the header and shows its bytes',
    (name) => {
      const decode = () =>
        decodeEvent({ value, headers: { ...asBuffers(headers), [name]: BAD } }, { origin });

      expect(decode).toThrow(
        expect.objectContaining({ reason: `header ${name} is not valid UTF-8: 0x652dfffe`, ...origin }),
      );
      expect(decode).toThrow(DecodeError);
    },
  );

  it('when the runtime kept a ce_id header apart as bytes, then DecodeError names the header', () => {
    const { ce_id: _, ...text } = headers;
    const decode = () => decodeEvent({ value, headers: text, binaryHeaders: { ce_id: BAD } }, { origin });

    expect(decode).toThrow(
      expect.objectContaining({ reason: 'header ce_id is not valid UTF-8: 0x652dfffe' }),
    );
  });

  it('when a header the CloudEvent reading does not use is not UTF-8, then the event is read', () => {
    const decoded = decodeEvent({
      value,
      headers: { ...asBuffers(headers), kafka_correlationId: BAD },
      binaryHeaders: { kafka_replyPartition: BAD },
    });

    expect(decoded.id).toBe('evt-1');
  });

  it('when header values are UTF-8 beyond ASCII, then they are read exactly', () => {
    const decoded = decodeEvent({
      value,
      headers: asBuffers({ ...headers, ce_id: 'évt-😀-\ufeff', ce_subject: 'Zoë', ce_brand: 'ünï' }),
    });

    expect(decoded).toMatchObject({ id: 'évt-😀-\ufeff', subject: 'Zoë', extensions: { brand: 'ünï' } });
  });

  it('when a structured-mode value is not UTF-8, then DecodeError says so', () => {
    const event = Buffer.concat([
      Buffer.from('{"specversion":"1.0","id":"'),
      BAD,
      Buffer.from('","source":"/s","type":"t","time":"2024-11-22T10:00:00Z","data":{}}'),
    ]);
    const decode = () =>
      decodeEvent({ value: event, headers: { 'content-type': 'application/cloudevents+json' } });

    expect(decode).toThrow(
      expect.objectContaining({
        reason: expect.stringMatching(/^structured-mode value is not valid UTF-8: 0x7b2273/),
      }),
    );
  });
});
