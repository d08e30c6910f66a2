import { createHash, createHmac } from 'node:crypto';
import { customerTickets } from './customer-tickets';
import { ticketMessage } from './draw-scheme';

const hmacTicket = (seed: Buffer, drawId: string, customerId: string, n: number) =>
  createHmac('sha256', seed)
    .update(ticketMessage(drawId, customerId, n))
    .digest()
    .subarray(0, 16);

const seedOf = (i: number) => createHash('sha256').update(`seed-${i}`).digest();

describe('customer tickets', () => {
  it('when thousands of tickets are written, then each equals createHmac of the documented message', () => {
    // Ids from empty to longer than a hash block (the inner hash then spans blocks), multi-byte UTF-8 and
    // numbers beyond 32 bits (the u64's high word).
    const ids = ['', 'c', 'acc-000012345', 'anne@example.com', 'é€😀', 'x'.repeat(63), 'y'.repeat(200)];
    const numbers = [1, 2, 3, 255, 256, 65_537, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER];
    let compared = 0;
    for (let s = 0; s < 3; s++)
      for (const drawId of ids)
        for (const customerId of ids) {
          const seed = seedOf(s);
          const write = customerTickets(seed, drawId, customerId);
          const into = Buffer.alloc(20);
          for (const n of [...numbers, ...Array.from({ length: 20 }, (_, i) => 1000 + i * 37)]) {
            write(n, into, 2);
            expect(into.toString('hex', 2, 18)).toBe(hmacTicket(seed, drawId, customerId, n).toString('hex'));
            compared++;
          }
        }
    expect(compared).toBe(3 * 7 * 7 * 30);
  });

  it('when the message ends at every offset of a block, then each ticket equals createHmac', () => {
    // n's 8 bytes land at every alignment to words and blocks, across the padding's block boundary too.
    for (let length = 0; length < 140; length++) {
      const customerId = 'é'.repeat(length >> 1) + 'x'.repeat(length & 1);
      const seed = seedOf(length);
      const write = customerTickets(seed, 'draw', customerId);
      const into = Buffer.alloc(16);
      for (const n of [1, 7, 2 ** 31, 2 ** 40 + 3]) {
        write(n, into, 0);
        expect(into.toString('hex')).toBe(hmacTicket(seed, 'draw', customerId, n).toString('hex'));
      }
    }
  });

  it('when the key is longer than a block, then it is hashed first as HMAC does', () => {
    const key = Buffer.alloc(100, 7);
    const into = Buffer.alloc(16);
    customerTickets(key, 'd', 'c')(1, into, 0);
    expect(into).toEqual(hmacTicket(key, 'd', 'c', 1));
  });

  it('when ticket 1 of the worked example is written, then it is the documented ticket', () => {
    const into = Buffer.alloc(16);
    customerTickets(Buffer.alloc(32, 1), 'd', 'c')(1, into, 0);
    expect(into.toString('hex')).toBe('90c5a8359b04f246fba9c85b6b4966d2');
  });
});
