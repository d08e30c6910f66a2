import { type CustomerMessage, EVENT_TYPES } from '@prizedraw/events';
import { buildMessage } from '../../../onsite-gateway/test/support/build-message';
import { openSse, type SseStream } from '../../../onsite-gateway/test/support/sse-client';
import { bearer } from '../../../onsite-gateway/test/support/start-gateway';
import { asQueued, type MessageQueueFixture } from './message-queue-fixture';

// The load of the fault tests: many messages for a few customers on the queue's inbound topic, their
// customers' streams, and the check that each customer got all theirs in order.

/** Customers and their messages, in the order each customer must see them. */
export interface CustomerLoad {
  readonly customers: readonly string[];
  readonly messages: readonly CustomerMessage[];
}

/** Produces `perCustomer` messages for each of `count` customers `${prefix}-n` to the inbound topic. */
export async function produceCustomerLoad(
  fixture: MessageQueueFixture,
  prefix: string,
  count: number,
  perCustomer: number,
): Promise<CustomerLoad> {
  const customers = Array.from({ length: count }, (_, n) => `${prefix}-${n}`);
  const messages = customers.flatMap((customerId) =>
    Array.from({ length: perCustomer }, (_, n) => buildMessage(customerId, { title: `message ${n}` })),
  );
  await fixture.produceEvents(
    fixture.topics.messageQueueInbound,
    EVENT_TYPES.customerMessage,
    asQueued(messages),
  );
  return { customers, messages };
}

/** Opens one stream per customer at the gateway, in the order of `customers`. */
export function openStreams(gatewayUrl: string, customers: readonly string[]): Promise<SseStream[]> {
  return Promise.all(
    customers.map((customerId) =>
      openSse(`${gatewayUrl}/v1/customers/${customerId}/stream`, bearer('customer', customerId)),
    ),
  );
}

/** The message ids received over `streams`, repeats included. */
export const receivedIds = (streams: readonly SseStream[]) =>
  streams.flatMap((stream) => stream.events.map((event) => event.id));

/** For each customer: the ids first seen over its streams (in their order) are its messages in order. */
export function expectEachInOrder(
  load: CustomerLoad,
  streamsOf: (customerId: string) => readonly SseStream[],
) {
  for (const customerId of load.customers) {
    const expected = load.messages
      .filter((message) => message.customerId === customerId)
      .map((m) => m.messageId);
    expect([...new Set(receivedIds(streamsOf(customerId)))]).toEqual(expected);
  }
}
