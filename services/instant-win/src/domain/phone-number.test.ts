import { toE164 } from './phone-number';

describe('toE164', () => {
  it.each([
    ['+44 (0)7911 123-456', '+447911123456'],
    ['+1 415 555 2671', '+14155552671'],
    ['+49 151 12345678', '+4915112345678'],
  ])('when %s is given, then it is %s', (phone, e164) => {
    expect(toE164(phone)).toBe(e164);
  });

  it.each([
    ['07911 123456', 'no country code'],
    ['+44 7700 900123', 'a range reserved for drama'],
    ['+44 7911', 'too short'],
    ['call me', 'not a number'],
  ])('when %s is given (%s), then it is refused', (phone) => {
    expect(toE164(phone)).toBeUndefined();
  });
});
