import { PROBABILITY_SCALE, sampleCouponType, toPartsPerBillion } from './sample-coupon-type';

const odds = [
  { id: 'five', probabilityPpb: toPartsPerBillion(0.05) },
  { id: 'two', probabilityPpb: toPartsPerBillion(0.15) },
  { id: 'bogo', probabilityPpb: toPartsPerBillion(0.3) },
];

describe('sampleCouponType', () => {
  it('when the random point falls in a type’s band, then that type; past the last band, no coupon', () => {
    const at = (point: number) => sampleCouponType(odds, () => point);
    expect(at(0)).toBe('five');
    expect(at(49_999_999)).toBe('five');
    expect(at(50_000_000)).toBe('two');
    expect(at(199_999_999)).toBe('two');
    expect(at(200_000_000)).toBe('bogo');
    expect(at(499_999_999)).toBe('bogo');
    expect(at(500_000_000)).toBeNull();
    expect(at(PROBABILITY_SCALE - 1)).toBeNull();
  });

  it('when a type has probability 0, then it is never drawn', () => {
    const withZero = [{ id: 'none', probabilityPpb: 0 }, ...odds];
    expect(sampleCouponType(withZero, () => 0)).toBe('five');
  });

  it('when 100,000 draws are sampled with the CSPRNG, then the counts match the odds (chi-square, p > 0.001)', () => {
    const counts = new Map<string | null, number>();
    const draws = 100_000;
    for (let i = 0; i < draws; i += 1) {
      const outcome = sampleCouponType(odds);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    const expected = new Map<string | null, number>([
      ['five', 0.05 * draws],
      ['two', 0.15 * draws],
      ['bogo', 0.3 * draws],
      [null, 0.5 * draws],
    ]);
    let chiSquare = 0;
    for (const [outcome, expectedCount] of expected) {
      chiSquare += ((counts.get(outcome) ?? 0) - expectedCount) ** 2 / expectedCount;
    }
    // Four outcomes, 3 degrees of freedom: P(χ² > 16.266) = 0.001.
    expect(chiSquare).toBeLessThan(16.266);
  });
});

describe('toPartsPerBillion', () => {
  it('when a probability has more than nine decimals, then it is rounded to the nearest part per billion', () => {
    expect(toPartsPerBillion(0.1)).toBe(100_000_000);
    expect(toPartsPerBillion(1)).toBe(PROBABILITY_SCALE);
    expect(toPartsPerBillion(1e-10)).toBe(0);
  });
});
