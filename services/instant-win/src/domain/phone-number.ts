import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The E.164 form (`+447700900123`) of a mobile or fixed phone number written in international format
 * (leading `+`, spaces, dashes and brackets allowed), or `undefined` when libphonenumber's full metadata
 * does not know it as a valid number of its country.
 */
export function toE164(phone: string): string | undefined {
  if (!phone.trimStart().startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(phone);
  return parsed?.isValid() ? parsed.number : undefined;
}
