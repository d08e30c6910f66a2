import { type CustomerMessage, decodeEvent, EVENT_TYPES, type Stake } from '@prizedraw/events';
import { isMonday } from '@prizedraw/notifications';
import {
  type MessageQueueFixture,
  messageQueueFixture,
} from '../../services/message-queue/test/support/message-queue-fixture';
import { startMessagingProcess } from '../../services/message-queue/test/support/messaging-process';
import { openSse, type SseStream } from '../../services/onsite-gateway/test/support/sse-client';
import { bearer } from '../../services/onsite-gateway/test/support/start-gateway';
import { readAll } from '../support/kafka';
import type { ServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { e2eDraw } from './support/deployment';
import { readDrawOutcome } from './support/draw-checks';

// A draw's results told to its customers, end to end: the draw pipeline, decisions, notifications, the onsite
// gateway and the message queue in one `prizedraw start` process on the real broker and MariaDB. One
// customer is on site during the draw; the others are not, and one of them comes on site after it.

const SERVICES = ['all', 'decisions', 'notifications', 'onsite-gateway', 'message-queue'];
const OFFLINE = ['bob', 'cat', 'dan', 'eve'];

let fixture: MessageQueueFixture;
let service: ServiceProcess;
const streams: SseStream[] = [];

const stream = async (url: string, customerId: string) => {
  const opened = await openSse(`${url}/v1/customers/${customerId}/stream`, bearer('customer', customerId));
  streams.push(opened);
  return opened;
};

beforeAll(async () => {
  fixture = await messageQueueFixture();
  service = await startMessagingProcess(fixture, SERVICES);
});
afterAll(async () => {
  for (const opened of streams) opened.close();
  await service?.stop();
  await fixture?.drop();
});

describe('telling customers about a draw', () => {
  it('when a draw runs, then the customer on site sees theirs at once and the others get theirs from the queue when they come', async () => {
    const { topics } = fixture;
    const draw = { ...e2eDraw(`draw-${fixture.brand}`), maxWinsPerCustomer: 1, milestones: [] };
    draw.prizes = [{ prizeId: 'car', name: 'A car', quantity: 1 }];
    await fixture.produceEvents(topics.definitions, EVENT_TYPES.drawDefined, [
      { key: draw.drawId, data: draw },
    ]);
    const ann = await stream(service.url, 'ann');
    const stakes = ['ann', ...OFFLINE].map(
      (accountId): Stake => ({
        accountId,
        promoCode: draw.promoCode,
        activityId: `stake-${accountId}`,
        stakeMinor: 500,
        currency: 'GBP',
      }),
    );
    await fixture.produceEvents(
      topics.activity,
      EVENT_TYPES.stake,
      stakes.map((stake) => ({ key: stake.accountId, data: stake, id: stake.activityId })),
    );
    // Every stake counted before the trigger: the wallet's live counts reach the ticket updates topic.
    await waitUntil(
      'every stake counted',
      async () => new Set((await readAll(topics.ticketUpdates)).map((m) => m.key?.toString())).size === 5,
    );
    const triggeredAt = new Date();
    await fixture.produceEvents(topics.triggers, EVENT_TYPES.drawTrigger, [
      { key: draw.drawId, data: { drawId: draw.drawId } },
    ]);
    const { results } = await readDrawOutcome(topics.results, draw.drawId);
    expect(results).toHaveLength(5);

    // ann, on site: her result at once — unless she won on a Monday, when the reward waits in the queue.
    const annResult = results.find((result) => result.accountId === 'ann')!;
    const queuedOnMonday = annResult.outcome === 'won' && isMonday(triggeredAt, 'Europe/London');
    const expectedType = annResult.outcome === 'won' ? 'REWARD_AWARDED' : 'DRAW_RESULT';
    if (!queuedOnMonday) {
      const [shown] = await ann.messages(1, 30_000);
      expect(JSON.parse(shown!.data)).toMatchObject({ customerId: 'ann', messageType: expectedType });
    }

    // The others: queued (the topic, then the queue's table), each message once.
    const queuedCustomers = queuedOnMonday ? ['ann', ...OFFLINE] : OFFLINE;
    await waitUntil(
      'the offline customers queued',
      async () => (await fixture.queuedIds()).length === queuedCustomers.length,
      { timeoutMs: 30_000 },
    );
    const onTopic = (await readAll(topics.messageQueueInbound)).map(
      (m) => decodeEvent(m).data as CustomerMessage,
    );
    expect(onTopic.map((message) => message.customerId).sort()).toEqual([...queuedCustomers].sort());
    expect(new Set(onTopic.map((message) => message.messageId)).size).toBe(queuedCustomers.length);

    // bob comes on site after the draw: the queue redelivers his message through the gateway.
    const bobMessage = onTopic.find((message) => message.customerId === 'bob')!;
    const bob = await stream(service.url, 'bob');
    const [redelivered] = await bob.messages(1, 30_000);
    expect(redelivered?.id).toBe(bobMessage.messageId);
    const bobResult = results.find((result) => result.accountId === 'bob')!;
    expect(JSON.parse(redelivered!.data)).toMatchObject({
      messageType: bobResult.outcome === 'won' ? 'REWARD_AWARDED' : 'DRAW_RESULT',
      title: bobResult.outcome === 'won' ? 'You won!' : 'Better luck next time',
    });

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const told = [
      ...metrics.matchAll(
        /^prizedraw_notifications_messages_total\{outcome="(delivered|queued)",reason="[a-z-]+"\} (\d+)$/gm,
      ),
    ];
    expect(told.reduce((sum, [, , value]) => sum + Number(value), 0)).toBe(5);
  });
});
