import { COUPON_CODE_LENGTH, COUPON_CODE_PATTERN, newCouponCode } from './coupon-code';

describe('newCouponCode', () => {
  it('when codes are made, then each is 26 base32 characters and none repeats', () => {
    const codes = Array.from({ length: 10_000 }, newCouponCode);
    for (const code of codes) {
      expect(code).toHaveLength(COUPON_CODE_LENGTH);
      expect(code).toMatch(COUPON_CODE_PATTERN);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('when many codes are made, then every character position but the last takes all 32 values', () => {
    // The last character carries 3 random bits: it takes the 8 values of a multiple of 4.
    const seen = Array.from({ length: COUPON_CODE_LENGTH }, () => new Set<string>());
    for (let i = 0; i < 5_000; i += 1) {
      for (const [index, char] of [...newCouponCode()].entries()) seen[index]!.add(char);
    }
    expect(seen.slice(0, -1).every((chars) => chars.size === 32)).toBe(true);
    expect(seen.at(-1)!.size).toBe(8);
  });
});
