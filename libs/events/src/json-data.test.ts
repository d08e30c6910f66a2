import { decodeEvent, encodeEvent } from './cloud-event-codec';
import { DecodeError } from './errors';
import { EVENT_TYPES } from './event-schemas';
import { decodeEventData, encodeWireData } from './json-data';
import { createDataCodec } from './schema-registry-codec';

// Event data is JSON, which is UTF-8 (RFC 8259). Read leniently, bytes that are not UTF-8 inside a string
// became U+FFFD and the record went on under an accountId or activityId nobody sent (two ids differing only
// there became one). Every framing of the data must reject them with the reason instead.

const origin = { topic: 'local.demo.cpp.activity', partition: 1, offset: '7', eventId: 'evt-1' };

/** A stake's JSON whose accountId carries the bytes ff fe, the rest valid. */
const badStake = Buffer.concat([
  Buffer.from('{"accountId":"acc-'),
  Buffer.from([0xff, 0xfe]),
  Buffer.from('","promoCode":"p","activityId":"bet-1","stakeMinor":500,"currency":"GBP"}'),
]);
/** The same with the bad bytes beyond the first 32 bytes (in activityId). */
const badLater = Buffer.concat([
  Buffer.from('{"accountId":"acc-1","promoCode":"p","activityId":"bet-'),
  Buffer.from([0xc3, 0x28]),
  Buffer.from('","stakeMinor":500,"currency":"GBP"}'),
]);

const wireFramed = (json: Buffer) => Buffer.concat([encodeWireData(7, {}).subarray(0, 5), json]);

const { headers: stakeHeaders } = encodeEvent({
  id: 'evt-1',
  source: '/cpp/bets',
  type: EVENT_TYPES.stake,
  time: '2024-11-22T10:00:00Z',
  data: {},
});

describe('decodeEventData, data that is not UTF-8', () => {
  it('when plain JSON data has bytes that are not UTF-8 inside a string, then DecodeError says data with the bytes and origin', () => {
    const decode = () => decodeEventData(badStake, origin);

    expect(decode).toThrow(DecodeError);
    expect(decode).toThrow(
      expect.objectContaining({
        reason: `data is not valid UTF-8: 0x${badStake.subarray(0, 32).toString('hex')}… (${badStake.length} bytes)`,
        ...origin,
      }),
    );
  });

  it('when the bad bytes are beyond the first 32, then the reason says at which byte and shows them', () => {
    const at = badLater.indexOf(0xc3);

    expect(() => decodeEventData(badLater)).toThrow(
      expect.objectContaining({
        reason: expect.stringMatching(new RegExp(`^data is not valid UTF-8 at byte ${at}: 0xc328`)),
      }),
    );
  });

  it('when registry-framed data has bytes that are not UTF-8 after the 5-byte header, then DecodeError says data', () => {
    expect(() => decodeEventData(wireFramed(badStake), origin)).toThrow(
      expect.objectContaining({ reason: expect.stringMatching(/^data is not valid UTF-8: 0x7b226163/) }),
    );
  });

  it('when data is UTF-8 beyond ASCII, then it is read exactly, in both framings', () => {
    const json = Buffer.from('{"accountId":"Zoë-😀","note":"\ufffd is a character too"}');
    const expected = { accountId: 'Zoë-😀', note: '\ufffd is a character too' };

    expect(decodeEventData(json)).toEqual(expected);
    expect(decodeEventData(wireFramed(json))).toEqual(expected);
  });

  it('when a binary-mode record carries such data, then decodeEvent throws DecodeError naming data and the event', () => {
    expect(() => decodeEvent({ value: badStake, headers: stakeHeaders })).toThrow(
      expect.objectContaining({
        reason: expect.stringMatching(/^data is not valid UTF-8/),
        eventId: 'evt-1',
      }),
    );
  });

  it('when the plain JSON codec decodes such data, then it throws DecodeError naming data', async () => {
    const codec = await createDataCodec();

    expect(() => codec.decode(wireFramed(badStake))).toThrow(
      expect.objectContaining({ reason: expect.stringMatching(/^data is not valid UTF-8/) }),
    );
  });
});
