import type { EnrichedActivity } from '@prizedraw/events';

/** What ticket-rules keeps per customer and draw. */
export interface TicketTotals {
  /** Every stake counted so far, minor units. */
  readonly stakeMinor: number;
  /** Tickets granted for stake: floor(stakeMinor / stakePerTicketMinor), never taken back. */
  readonly stakeTickets: number;
  /** Tickets pushed by awards. */
  readonly awardTickets: number;
  /** Tickets for contest entries, one each. */
  readonly entryTickets: number;
}

export const NO_TICKETS: TicketTotals = { stakeMinor: 0, stakeTickets: 0, awardTickets: 0, entryTickets: 0 };

/** The customer's ticket count in the draw. */
export function totalTickets(totals: TicketTotals): number {
  return totals.stakeTickets + totals.awardTickets + totals.entryTickets;
}

/** The activity's effect: the new totals and the tickets it grants (0 for none). */
export interface Applied {
  readonly totals: TicketTotals;
  readonly granted: number;
}

/**
 * Applies one activity. Stake accumulates and every `stakePerTicketMinor` crossed grants a ticket, the
 * remainder carried to the next stake; a draw without `stakePerTicketMinor` grants nothing for stake. An
 * award grants its tickets, an entry one. The caller has checked the fields of the kind (see
 * `activityAmount`).
 */
export function applyActivity(totals: TicketTotals, activity: EnrichedActivity, amount: number): Applied {
  switch (activity.kind) {
    case 'stake': {
      const stakeMinor = totals.stakeMinor + amount;
      const perTicket = activity.draw.stakePerTicketMinor;
      // max(): a draw redefined with a larger stake per ticket never takes tickets back.
      const stakeTickets =
        perTicket === undefined
          ? totals.stakeTickets
          : Math.max(totals.stakeTickets, Math.floor(stakeMinor / perTicket));
      return { totals: { ...totals, stakeMinor, stakeTickets }, granted: stakeTickets - totals.stakeTickets };
    }
    case 'award':
      return { totals: { ...totals, awardTickets: totals.awardTickets + amount }, granted: amount };
    case 'entry':
      return { totals: { ...totals, entryTickets: totals.entryTickets + 1 }, granted: 1 };
  }
}
