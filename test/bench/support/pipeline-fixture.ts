import { randomUUID } from 'node:crypto';
import { bind, type DrawDefined, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import type { Message } from 'kafkajs';
import { e2eDraw } from '../../e2e/support/deployment';

// CloudEvent builders and the draw of the benchmarks; deployments are the end-to-end tests' (test/e2e/support).

export function eventMessage(
  type: string,
  key: string,
  data: unknown,
  time = new Date().toISOString(),
): Message {
  return encodeEvent(toCloudEvent(bind(data), { type, source: '/prizedraw/bench', subject: key, time }), {
    key,
  });
}

/** An in-house draw where every stake of `stakePerTicketMinor` earns exactly one ticket; one win each. */
export function benchDraw(drawId: string, stakePerTicketMinor = 500): DrawDefined {
  return { ...e2eDraw(drawId), stakePerTicketMinor, maxWinsPerCustomer: 1, milestones: [], tags: [] };
}

/** `count` stakes of one ticket each, spread over `customers` customers (`<prefix>-<n>`) from number `from`. */
export function stakeMessages(
  draw: DrawDefined,
  count: number,
  { customers, from = 0, prefix = 'acc' }: { customers: number; from?: number; prefix?: string },
): Message[] {
  return Array.from({ length: count }, (_, i) => {
    const accountId = `${prefix}-${String((from + i) % customers).padStart(9, '0')}`;
    return eventMessage(EVENT_TYPES.stake, accountId, {
      accountId,
      promoCode: draw.promoCode,
      activityId: randomUUID(),
      stakeMinor: draw.stakePerTicketMinor,
      currency: 'GBP',
    });
  });
}
