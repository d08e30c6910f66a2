import { formatTicket } from './ticket-format';

/** Source of random bytes: the CSPRNG in production (`pooledRandomBytes`); tests pass a seeded one. */
export type RandomBytes = (size: number) => Buffer;

// Random bytes are drawn for this many tickets at a time, so an award of a million tickets never needs a
// million tickets' worth of memory.
const CHUNK_TICKETS = 4096;
const TICKET_BYTES = 16;

/**
 * Draws `count` new random tickets and returns the `keep` highest of them and of `held`, highest first.
 * Only the kept tickets are ever formatted or stored: the others are compared as hex and forgotten, which is
 * the same lottery as keeping them all (only a customer's best tickets can win).
 */
export function keepBestTickets(
  held: readonly string[],
  count: number,
  keep: number,
  randomBytes: RandomBytes,
): string[] {
  const best = [...held].sort().reverse().slice(0, keep);
  let floorHex = best.length === keep ? best[keep - 1]!.replaceAll('-', '') : undefined;
  for (let drawn = 0; drawn < count; drawn += CHUNK_TICKETS) {
    const tickets = Math.min(CHUNK_TICKETS, count - drawn);
    const bytes = randomBytes(tickets * TICKET_BYTES);
    for (let offset = 0; offset < tickets * TICKET_BYTES; offset += TICKET_BYTES) {
      if (floorHex !== undefined && bytes.toString('hex', offset, offset + TICKET_BYTES) <= floorHex)
        continue;
      insertDescending(best, formatTicket(bytes, offset), keep);
      if (best.length === keep) floorHex = best[keep - 1]!.replaceAll('-', '');
    }
  }
  return best;
}

function insertDescending(best: string[], ticket: string, keep: number): void {
  let at = best.length;
  while (at > 0 && best[at - 1]! < ticket) at--;
  best.splice(at, 0, ticket);
  if (best.length > keep) best.pop();
}
