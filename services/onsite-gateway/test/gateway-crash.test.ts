import { EVENT_TYPES } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import { freePort, type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import {
  asQueued,
  type MessageQueueFixture,
  messageQueueFixture,
} from '../../message-queue/test/support/message-queue-fixture';
import { startMessageQueue } from '../../message-queue/test/support/start-message-queue';
import { buildMessage } from './support/build-message';
import { openSse, type SseStream } from './support/sse-client';
import { bearer, TEST_SECRET } from './support/start-gateway';

// `prizedraw start onsite-gateway` as a process of its own (the built CLI), SIGKILLed while the message
// queue redelivers through it, then started again on its port; the customers' pages reconnect, as
// EventSource does. Every queued message reaches its customer, in order, and leaves the queue.

const CUSTOMERS = 20;
const PER_CUSTOMER = 25;
const TOTAL = CUSTOMERS * PER_CUSTOMER;

let fixture: MessageQueueFixture;
let port: number;
let gateway: ServiceProcess | undefined;
let queue: RunningServices;
const streams: SseStream[] = [];

const startGatewayProcess = () =>
  startServiceProcess(
    ['onsite-gateway'],
    { BRAND: fixture.brand, PARTITIONS: '2', API_TOKEN_SECRET: TEST_SECRET },
    { built: true, port },
  );
const connectAll = (customers: readonly string[]) =>
  Promise.all(
    customers.map(async (customerId) => {
      const stream = await openSse(
        `${gateway!.url}/v1/customers/${customerId}/stream`,
        bearer('customer', customerId),
      );
      streams.push(stream);
      return [customerId, stream] as const;
    }),
  );

beforeAll(async () => {
  fixture = await messageQueueFixture();
  port = await freePort();
  gateway = await startGatewayProcess();
  queue = await startMessageQueue(fixture.env(gateway.url));
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await queue?.close();
  await gateway?.stop();
  await fixture?.drop();
});

it('when the gateway process is killed mid-redelivery, then every queued message still reaches its customer once, in order', async () => {
  const customers = Array.from({ length: CUSTOMERS }, (_, n) => `c-osg-${n}`);
  const messages = customers.flatMap((customerId) =>
    Array.from({ length: PER_CUSTOMER }, (_, n) => buildMessage(customerId, { title: `message ${n}` })),
  );
  await fixture.produceEvents(
    fixture.topics.messageQueueInbound,
    EVENT_TYPES.customerMessage,
    asQueued(messages),
  );
  await waitUntil('all queued', async () => (await fixture.queuedIds()).length === TOTAL);

  const before = await connectAll(customers);
  const received = () => streams.flatMap((stream) => stream.events.map((event) => event.id));
  await waitUntil('redelivery under way', () => received().length >= 50, { everyMs: 5, timeoutMs: 30_000 });
  await gateway!.kill();
  const queuedAtKill = (await fixture.queuedIds()).length;
  gateway = await startGatewayProcess();
  const after = await connectAll(customers);
  await waitUntil('every message received', () => new Set(received()).size === TOTAL, { timeoutMs: 60_000 });
  await waitUntil('the queue emptied', async () => (await fixture.queuedIds()).length === 0);

  process.stderr.write(
    `gateway crash test: queued at the kill ${queuedAtKill}/${TOTAL}, events received ${received().length}\n`,
  );
  expect(queuedAtKill).toBeGreaterThan(0);
  for (const [n, customerId] of customers.entries()) {
    const events = [...(before[n]?.[1].events ?? []), ...(after[n]?.[1].events ?? [])];
    const expected = messages.filter((message) => message.customerId === customerId).map((m) => m.messageId);
    expect([...new Set(events.map((event) => event.id))]).toEqual(expected);
  }
});
