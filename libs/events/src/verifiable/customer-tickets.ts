import { hash } from 'node:crypto';
import { ticketMessage } from './draw-scheme';

/** Writes ticket `n` (from 1) of one customer, 16 bytes, into `into` at `at`. */
export type TicketWriter = (n: number, into: Buffer, at: number) => void;

const BLOCK_BYTES = 64;
const HASH_BYTES = 32;
const TICKET_BYTES = 16;
const NUMBER_BYTES = 8;

/** The key padded to a block and XORed with `pad`, as HMAC does (RFC 2104; a key longer than a block is hashed). */
function paddedKey(key: Buffer, pad: number): Buffer {
  const short = key.length > BLOCK_BYTES ? hash('sha256', key, 'buffer') : key;
  const block = Buffer.alloc(BLOCK_BYTES, pad);
  for (let i = 0; i < short.length; i++) block[i]! ^= short[i]!;
  return block;
}

/**
 * The tickets of one customer in one draw, the same bytes as {@link deriveTicket}: ticket n = the first 16 bytes
 * of HMAC-SHA256(seed, ticketMessage(drawId, customerId, n)), HMAC written out as RFC 2104 defines it,
 * sha256((key ⊕ opad) ‖ sha256((key ⊕ ipad) ‖ message)). Both hash inputs are built once per customer and
 * only n is rewritten, so a ticket costs two one-shot hashes and no allocation but their digests: in Node 20
 * about 1.2 µs of CPU against 1.7–1.9 µs for `createHmac` (a Hmac object, a key import and three binding
 * calls per ticket), which a million-entrant verifier and the wallet pay per ticket.
 */
export function customerTickets(seed: Buffer, drawId: string, customerId: string): TicketWriter {
  const message = ticketMessage(drawId, customerId, 0);
  const inner = Buffer.concat([paddedKey(seed, 0x36), message]);
  const outer = Buffer.concat([paddedKey(seed, 0x5c), Buffer.alloc(HASH_BYTES)]);
  const number = inner.length - NUMBER_BYTES;
  return (n, into, at) => {
    inner.writeUInt32BE(Math.floor(n / 2 ** 32), number);
    inner.writeUInt32BE(n >>> 0, number + 4);
    hash('sha256', inner, 'buffer').copy(outer, BLOCK_BYTES);
    hash('sha256', outer, 'buffer').copy(into, at, 0, TICKET_BYTES);
  };
}
