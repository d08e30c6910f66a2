import { randomBytes } from 'node:crypto';

// RFC 4648 base32: upper-case letters and digits 2-7, no 0/1/8/9 to confuse with O/I/B/g when read aloud or
// typed from an SMS.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Length of a coupon code: 128 random bits in base32 need 26 characters (130 bits). */
export const COUPON_CODE_LENGTH = 26;

/** The shape of a coupon code, for validating a path parameter before it reaches the database. */
export const COUPON_CODE_PATTERN = /^[A-Z2-7]{26}$/;

/** A new coupon code: 128 bits from the CSPRNG in unpadded base32, so it cannot be guessed or enumerated. */
export function newCouponCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    // Fewer than 5 bits are left over from the previous byte: keep only those, so the int32 never overflows.
    buffer = ((buffer & 31) << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  // The last 3 bits, padded with zeros to a full character.
  return code + ALPHABET[(buffer << (5 - bits)) & 31];
}
