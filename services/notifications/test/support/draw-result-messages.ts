import { randomUUID } from 'node:crypto';
import { bind, EVENT_TYPES, encodeEvent, type OutgoingRecord, toCloudEvent } from '@prizedraw/events';

/** Options of {@link drawResultMessages}. */
export interface DrawResultMessagesOptions {
  /** Customer `i`'s id; default `acc-<i>`. */
  readonly customerId?: (i: number) => string;
  /** Whether customer `i` won (a voucher); default every 100th. */
  readonly won?: (i: number) => boolean;
}

/**
 * `count` results of draw `drawId`, one per customer, as prize-draw writes them to `{brand}.draw.results`:
 * binary-mode CloudEvents keyed by the account, with prize-draw's ids (`<drawId>:result:<accountId>`), so
 * the messages made from them have stable ids.
 */
export function drawResultMessages(
  drawId: string,
  count: number,
  { customerId = (i) => `acc-${i}`, won = (i) => i % 100 === 99 }: DrawResultMessagesOptions = {},
): OutgoingRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const data = {
      drawId,
      accountId: customerId(i),
      outcome: won(i) ? 'won' : 'lost',
      prize: won(i) ? { prizeId: 'voucher', name: 'A £20 voucher' } : null,
      ticket: randomUUID(),
      rank: i + 1,
      tickets: 1,
    };
    const event = toCloudEvent(bind(data), {
      type: EVENT_TYPES.drawResult,
      source: '/prizedraw/prize-draw',
      id: `${drawId}:result:${data.accountId}`,
    });
    return encodeEvent(event, { key: data.accountId });
  });
}
