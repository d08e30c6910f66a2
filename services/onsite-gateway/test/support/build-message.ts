import { randomUUID } from 'node:crypto';
import type { CustomerMessage } from '@prizedraw/events';

/** A valid customer-message.v1 for `customerId`, expiring in a day, with `overrides`. */
export function buildMessage(customerId: string, overrides: Partial<CustomerMessage> = {}): CustomerMessage {
  const now = Date.now();
  const sourceId = randomUUID();
  return {
    messageId: randomUUID(),
    customerId,
    brand: 'demo',
    messageType: 'DRAW_RESULT',
    deliveryPreference: 'toast',
    locale: 'en-GB',
    title: 'You won!',
    body: `A prize in draw ${sourceId.slice(0, 8)}`,
    expiresAt: new Date(now + 86_400_000).toISOString(),
    createdAt: new Date(now).toISOString(),
    source: { type: 'prizedraw.draw-result.v1', id: sourceId },
    ...overrides,
  };
}
