import { hashFileContent, parseHashFile } from './hash-file';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('hashFileContent', () => {
  it('is the 64 lowercase hex characters, without a newline', () => {
    expect(hashFileContent(SHA)).toBe(SHA);
    expect(Buffer.byteLength(hashFileContent(SHA))).toBe(64);
  });

  it('when the digest is not lowercase hex sha256, then it throws', () => {
    expect(() => hashFileContent(SHA.toUpperCase())).toThrow(RangeError);
    expect(() => hashFileContent('abc')).toThrow(RangeError);
  });
});

describe('parseHashFile', () => {
  it('reads our format and the sha256sum-like variants with blanks or upper case', () => {
    expect(parseHashFile(SHA)).toBe(SHA);
    expect(parseHashFile(`${SHA.toUpperCase()}\n`)).toBe(SHA);
    expect(parseHashFile('not a hash')).toBeUndefined();
  });
});
