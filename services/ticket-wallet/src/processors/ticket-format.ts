// A ticket is 128 bits written as a lowercase UUID (8-4-4-4-12 hex), so string order is value order.

const TICKET_BYTES = 16;

/** The 16 bytes at `offset` of `bytes` as a ticket string, e.g. `0f8fad5b-d9cb-469f-a165-70867728950e`. */
export function formatTicket(bytes: Buffer, offset = 0): string {
  const hex = bytes.toString('hex', offset, offset + TICKET_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const INVERTED_DIGIT: { readonly [digit: string]: string } = Object.fromEntries(
  [...'0123456789abcdef'].map((digit, value) => [digit, (15 - value).toString(16)]),
);

/**
 * The ticket with every hex digit d replaced by f-d (dashes kept): ascending order of inverted tickets is
 * descending order of tickets, so a store iterates an index keyed by it highest ticket first.
 */
export function invertTicket(ticket: string): string {
  let inverted = '';
  for (const char of ticket) inverted += INVERTED_DIGIT[char] ?? char;
  return inverted;
}
