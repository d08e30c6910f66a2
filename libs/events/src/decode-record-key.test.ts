import { decodeRecordKey } from './decode-record-key';
import { DecodeError } from './errors';

describe('decodeRecordKey', () => {
  it.each([
    ['acc-1', 'acc-1'],
    ['ann@example.com', 'ann@example.com'],
    ['', ''],
    ['Zoë-😀-\u{10ffff}', 'Zoë-😀-\u{10ffff}'],
    ['\ufeffbom-kept', '\ufeffbom-kept'],
  ])('when the key is the UTF-8 of %j, then it is that text exactly', (text, expected) => {
    expect(decodeRecordKey(Buffer.from(text))).toBe(expected);
  });

  it('when the record has no key, then it is null', () => {
    expect(decodeRecordKey(null)).toBeNull();
  });

  it.each([
    ['a lone byte 0xff', [0xff, 0xfe], '0xfffe'],
    ['a truncated sequence', [0x61, 0xc3], '0x61c3'],
    ['an overlong encoding of "/"', [0xc0, 0xaf], '0xc0af'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '0xeda080'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '0xf4908080'],
  ])('when the key holds %s, then it throws DecodeError showing the bytes', (_, bytes, hex) => {
    const decode = () => decodeRecordKey(Buffer.from(bytes));

    expect(decode).toThrow(DecodeError);
    expect(decode).toThrow(`record key is not valid UTF-8: ${hex}`);
  });

  it('when a bad key is long, then the reason shows its first 32 bytes and its length', () => {
    const key = Buffer.concat([Buffer.from([0xff]), Buffer.alloc(99, 0x61)]);

    expect(() => decodeRecordKey(key)).toThrow(
      `record key is not valid UTF-8: 0xff${'61'.repeat(31)}… (100 bytes)`,
    );
  });
});
