import { EVENT_TYPES } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import { buildMessage } from '../../onsite-gateway/test/support/build-message';
import { openSse, type SseStream } from '../../onsite-gateway/test/support/sse-client';
import { bearer, startGateway } from '../../onsite-gateway/test/support/start-gateway';
import { asQueued, type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';

// `prizedraw start message-queue` as a process of its own (the built CLI), SIGKILLed while it stores the
// inbound messages and again while it redelivers them: the queue holds each message once, and every
// customer gets every message, in order, a repeat carrying the same id (which the page ignores).

const CUSTOMERS = 40;
const PER_CUSTOMER = 25;
const TOTAL = CUSTOMERS * PER_CUSTOMER;

let fixture: MessageQueueFixture;
let gateway: RunningServices;
let queue: ServiceProcess | undefined;
const streams: SseStream[] = [];

beforeAll(async () => {
  fixture = await messageQueueFixture();
  gateway = await startGateway({ BRAND: fixture.brand });
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await queue?.stop();
  await gateway?.close();
  await fixture?.drop();
});

const startQueue = () =>
  startServiceProcess(
    ['message-queue'],
    { ...fixture.env(gateway.url), MSQ_REDELIVERY_LEASE_S: '2', KAFKA_SESSION_TIMEOUT_MS: '6000' },
    { built: true },
  );

it('when the queue process is killed while storing and while redelivering, then every message is queued once and delivered', async () => {
  const customers = Array.from({ length: CUSTOMERS }, (_, n) => `c-crash-${n}`);
  const messages = customers.flatMap((customerId) =>
    Array.from({ length: PER_CUSTOMER }, (_, n) => buildMessage(customerId, { title: `message ${n}` })),
  );
  await fixture.produceEvents(
    fixture.topics.messageQueueInbound,
    EVENT_TYPES.customerMessage,
    asQueued(messages),
  );

  queue = await startQueue();
  await waitUntil('some stored', async () => (await fixture.queuedIds()).length > 0, { everyMs: 5 });
  await queue.kill();
  const storedAtKill = (await fixture.queuedIds()).length;
  queue = await startQueue();
  await waitUntil('all stored', async () => (await fixture.queuedIds()).length === TOTAL, {
    timeoutMs: 60_000,
  });
  const stored = await fixture.queuedIds();
  expect(new Set(stored).size).toBe(TOTAL);

  for (const customerId of customers)
    streams.push(
      await openSse(`${gateway.url}/v1/customers/${customerId}/stream`, bearer('customer', customerId)),
    );
  const received = () => streams.flatMap((stream) => stream.events.map((event) => event.id));
  await waitUntil('redelivery under way', () => received().length >= 50, { everyMs: 5, timeoutMs: 30_000 });
  await queue.kill();
  const queuedAtKill = (await fixture.queuedIds()).length;
  queue = await startQueue();
  await waitUntil('every message received', () => new Set(received()).size === TOTAL, { timeoutMs: 60_000 });
  await waitUntil('the queue emptied', async () => (await fixture.queuedIds()).length === 0);

  process.stderr.write(
    `crash test: stored at first kill ${storedAtKill}/${TOTAL}, queued at second kill ${queuedAtKill}/${TOTAL}, ` +
      `events received ${received().length} for ${TOTAL} messages\n`,
  );
  expect(queuedAtKill).toBeGreaterThan(0);
  for (const [n, stream] of streams.entries()) {
    const firstSeen = [...new Set(stream.events.map((event) => event.id))];
    const expected = messages
      .filter((message) => message.customerId === customers[n])
      .map((m) => m.messageId);
    expect(firstSeen).toEqual(expected);
  }
});
