import type { RunningServices } from '@prizedraw/service';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import type { SseStream } from '../../onsite-gateway/test/support/sse-client';
import { startGateway } from '../../onsite-gateway/test/support/start-gateway';
import { expectEachInOrder, openStreams, produceCustomerLoad, receivedIds } from './support/customer-load';
import { type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';

// `prizedraw start message-queue` as a process of its own (the built CLI), SIGKILLed while it stores the
// inbound messages and again while it redelivers them: the queue holds each message once, every customer
// gets every message, in order, a repeat carrying the same id (which the page ignores), and each message has
// exactly one delivered event on {brand}.customer-messages.delivered.

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
  const load = await produceCustomerLoad(fixture, 'c-crash', CUSTOMERS, PER_CUSTOMER);
  queue = await startQueue();
  await waitUntil('some stored', async () => (await fixture.queuedIds()).length > 0, { everyMs: 5 });
  await queue.kill();
  const storedAtKill = (await fixture.queuedIds()).length;
  queue = await startQueue();
  await waitUntil('all stored', async () => (await fixture.queuedIds()).length === TOTAL, {
    timeoutMs: 60_000,
  });
  expect(new Set(await fixture.queuedIds()).size).toBe(TOTAL);

  streams.push(...(await openStreams(gateway.url, load.customers)));
  await waitUntil('redelivery under way', () => receivedIds(streams).length >= 50, {
    everyMs: 5,
    timeoutMs: 30_000,
  });
  await queue.kill();
  const queuedAtKill = (await fixture.queuedIds()).length;
  queue = await startQueue();
  await waitUntil('every message received', () => new Set(receivedIds(streams)).size === TOTAL, {
    timeoutMs: 60_000,
  });
  await waitUntil('the queue emptied', async () => (await fixture.queuedIds()).length === 0);
  const sent = Date.now();
  await waitUntil(
    'every delivered event relayed',
    async () => (await fixture.deliveredEvents()).length >= TOTAL,
    {
      timeoutMs: 30_000,
    },
  );
  // A repeat would come from a relay re-sending rows it had sent: it runs every 50 ms, so give it time to.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const delivered = await fixture.deliveredEvents();
  expect(delivered).toHaveLength(TOTAL);
  expect(new Set(delivered.map((event) => event.messageId))).toEqual(
    new Set(load.messages.map((message) => message.messageId)),
  );
  for (const event of delivered) {
    expect(event.source).toBe('/prizedraw/message-queue');
    expect(Date.parse(event.deliveredAt)).toBeLessThanOrEqual(sent);
  }

  process.stderr.write(
    `crash test: stored at first kill ${storedAtKill}/${TOTAL}, queued at second kill ${queuedAtKill}/${TOTAL}, ` +
      `events received ${receivedIds(streams).length} for ${TOTAL} messages\n`,
  );
  expect(queuedAtKill).toBeGreaterThan(0);
  expectEachInOrder(load, (customerId) => [streams[load.customers.indexOf(customerId)]!]);
});
