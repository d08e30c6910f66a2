import type { TicketsGranted } from '@prizedraw/events';

/**
 * The grants both wallet-tickets benchmarks send: `grantsPerCustomer` rounds over every customer, interleaved
 * as they would arrive, of 1–10 tickets each, k = 2 as in the e2e draw; and how many tickets they hold.
 */
export function walletGrants(drawId: string, customers: number, grantsPerCustomer: number) {
  const grants: TicketsGranted[] = [];
  const totals = new Map<string, number>();
  let tickets = 0;
  for (let round = 0; round < grantsPerCustomer; round++)
    for (let c = 0; c < customers; c++) {
      const customerId = `acc-${c}`;
      const granted = 1 + ((c * 7 + round * 3) % 10);
      const total = (totals.get(customerId) ?? 0) + granted;
      totals.set(customerId, total);
      tickets += granted;
      grants.push({
        drawId,
        customerId,
        grantId: `g-${round}-${c}`,
        tickets: granted,
        total,
        maxWinsPerCustomer: 2,
      });
    }
  return { grants, tickets };
}
