import { firstText, headerValuesOf, shownHeaderValue } from './dead-letter-headers';

describe('dead-letter headers', () => {
  it('when a header is repeated, then every value is kept in the order KafkaJS read them', () => {
    const headers = headerValuesOf({
      trace: [Buffer.from('a'), Buffer.from('b')],
      'dlq-reason': Buffer.from('bad stake'),
    });
    expect(headers.trace?.map(String)).toEqual(['a', 'b']);
    expect(firstText(headers, 'dlq-reason')).toBe('bad stake');
    expect(firstText(headers, 'dlq-origin-topic')).toBeUndefined();
  });

  it('when a header has no value, then it is kept as null, alone or among repeated values', () => {
    // KafkaJS's type leaves null out; its decoder gives it for a header of length -1.
    const headers = headerValuesOf({ empty: null, mixed: [null, Buffer.from('x')] } as never);
    expect(headers).toEqual({ empty: [null], mixed: [null, Buffer.from('x')] });
  });

  it('when a header is named __proto__, then it is an ordinary header', () => {
    const headers = headerValuesOf(JSON.parse('{"__proto__": "p"}'));
    expect(Object.keys(headers)).toEqual(['__proto__']);
    expect(firstText(headers, '__proto__')).toBe('p');
  });

  it('when a value is UTF-8 it is shown as text, else as hex, and a missing value as null', () => {
    expect(shownHeaderValue(Buffer.from('héllo'))).toEqual({ text: 'héllo' });
    expect(shownHeaderValue(Buffer.from([0xff, 0x00, 0x41]))).toEqual({ hex: 'ff0041' });
    expect(shownHeaderValue(null)).toBeNull();
  });
});
