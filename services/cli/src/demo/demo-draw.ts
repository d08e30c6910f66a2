import type { DrawDefined } from '@prizedraw/events';

/** The demo's draw: open for the past hour and the next, £5 of stakes per ticket, 106 prizes in three tiers and
 * "better luck next time" for everyone else. */
export function demoDraw(drawId: string, now = Date.now()): DrawDefined {
  const hour = 3_600_000;
  return {
    drawId,
    promoCode: `${drawId}-promo`,
    opensAt: new Date(now - hour).toISOString(),
    closesAt: new Date(now + hour).toISOString(),
    timezone: 'Europe/London',
    administrator: 'in-house',
    stakePerTicketMinor: 500,
    maxWinsPerCustomer: 1,
    milestones: [10, 50, 100],
    prizes: [
      { prizeId: 'holiday', name: 'A holiday for two', quantity: 1 },
      { prizeId: 'cash-500', name: '£500 cash', quantity: 5 },
      { prizeId: 'free-bet-20', name: '£20 free bet', quantity: 100 },
    ],
    defaultPrize: null,
    tags: ['demo'],
    dedupeOnEmail: false,
  };
}
