import { customerTickets } from '@prizedraw/events';
import type { RandomBytes } from './keep-best-tickets';

const TICKET_BYTES = 16;

/**
 * A source of ticket bytes for {@link keepBestTickets} that derives instead of rolling: each call returns the
 * next tickets of the customer, numbered from `first` on (ticket n = HMAC-SHA256(seed, drawId ‖ customerId ‖ n)
 * cut to 128 bits; docs/verifiable-draws.md). A grant of t tickets to a customer holding h draws h+1 … h+t,
 * so a replayed grant yields the same tickets.
 */
export function derivedTickets(seed: Buffer, drawId: string, customerId: string, first: number): RandomBytes {
  const ticket = customerTickets(seed, drawId, customerId);
  let next = first;
  return (size) => {
    const bytes = Buffer.allocUnsafe(size);
    for (let offset = 0; offset < size; offset += TICKET_BYTES) ticket(next++, bytes, offset);
    return bytes;
  };
}
