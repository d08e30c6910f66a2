import type { IHeaders } from 'kafkajs';
import { decodeHeaders } from './decode-headers';

const BAD = Buffer.from([0x61, 0xff, 0xfe]);

describe('decodeHeaders', () => {
  it('when every value is UTF-8, then all are text, exactly, and there are no binary headers', () => {
    const decoded = decodeHeaders({
      ce_id: Buffer.from('evt-1'),
      ce_subject: Buffer.from('Zoë-😀'),
      ce_brand: Buffer.from('\ufeffbom-kept'),
      ce_type: 'already text',
    });

    expect(decoded).toEqual({
      headers: { ce_id: 'evt-1', ce_subject: 'Zoë-😀', ce_brand: '\ufeffbom-kept', ce_type: 'already text' },
    });
    expect(decoded).not.toHaveProperty('binaryHeaders');
  });

  it('when a value is not UTF-8, then it is kept apart as its original bytes and not rewritten as text', () => {
    const decoded = decodeHeaders({ ce_id: BAD, ce_type: Buffer.from('t') });

    expect(decoded.headers).toEqual({ ce_type: 't' });
    expect(decoded.binaryHeaders).toEqual({ ce_id: BAD });
    expect(decoded.binaryHeaders?.ce_id).toBe(BAD);
  });

  it('when a header is repeated, then the last value wins, as text or as bytes', () => {
    const decoded = decodeHeaders({ a: [BAD, Buffer.from('last')], b: [Buffer.from('first'), BAD] });

    expect(decoded).toEqual({ headers: { a: 'last' }, binaryHeaders: { b: BAD } });
  });

  it('when a value is null (a header written without one), then the header is absent', () => {
    // KafkaJS's decoder gives null for a value of length -1, which its types do not say.
    const headers = { 'x-flag': null, ce_id: Buffer.from('evt-1') } as unknown as IHeaders;

    expect(decodeHeaders(headers)).toEqual({ headers: { ce_id: 'evt-1' } });
  });

  it('when there are no headers, then both are empty', () => {
    expect(decodeHeaders(undefined)).toEqual({ headers: {} });
  });
});
