import { inclusionProof, type ProofStep, rootFromProof, sortEntries } from '@prizedraw/events';
import { derivedTickets, formatTicket } from '@prizedraw/ticket-wallet';
import type { PublishedDraw } from './published-draw';

// A customer with a million tickets can check them all; the listing stops here and says so.
const MAX_LISTED_TICKETS = 1_000;

/** What one entrant needs to check they were in the draw with the right count. */
export interface AccountProof {
  accountId: string;
  tickets: number;
  leafIndex: number;
  proof: ProofStep[];
  /** The root the entry and proof lead to; equal to the record's entriesRoot when included. */
  root: string;
  /** Their tickets recomputed from the seed, ticket 1 first (at most the first 1,000). */
  recomputed: string[];
}

/** The inclusion proof and recomputed tickets of `accountId`, or undefined when it is not an entrant. */
export function accountProof(
  { record, entries }: Omit<PublishedDraw, 'results'>,
  accountId: string,
): AccountProof | undefined {
  const sorted = sortEntries(entries);
  const leafIndex = sorted.findIndex((entry) => entry.accountId === accountId);
  if (leafIndex < 0) return undefined;
  const entry = sorted[leafIndex]!;
  const proof = inclusionProof(sorted, leafIndex);
  const listed = Math.min(entry.tickets, MAX_LISTED_TICKETS);
  const seed = record.seed === undefined ? undefined : Buffer.from(record.seed, 'hex');
  const bytes = seed ? derivedTickets(seed, record.drawId, accountId, 1)(listed * 16) : Buffer.alloc(0);
  const recomputed = Array.from({ length: bytes.length / 16 }, (_, i) => formatTicket(bytes, i * 16));
  return {
    accountId,
    tickets: entry.tickets,
    leafIndex,
    proof,
    root: rootFromProof(entry, proof),
    recomputed,
  };
}
