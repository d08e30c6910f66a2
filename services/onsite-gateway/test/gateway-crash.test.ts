import type { RunningServices } from '@prizedraw/service';
import { freePort, type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import {
  expectEachInOrder,
  openStreams,
  produceCustomerLoad,
  receivedIds,
} from '../../message-queue/test/support/customer-load';
import {
  type MessageQueueFixture,
  messageQueueFixture,
} from '../../message-queue/test/support/message-queue-fixture';
import { startMessageQueue } from '../../message-queue/test/support/start-message-queue';
import type { SseStream } from './support/sse-client';
import { TEST_SECRET } from './support/start-gateway';

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
  const load = await produceCustomerLoad(fixture, 'c-osg', CUSTOMERS, PER_CUSTOMER);
  await waitUntil('all queued', async () => (await fixture.queuedIds()).length === TOTAL);

  const before = await openStreams(gateway!.url, load.customers);
  streams.push(...before);
  await waitUntil('redelivery under way', () => receivedIds(streams).length >= 50, {
    everyMs: 5,
    timeoutMs: 30_000,
  });
  await gateway!.kill();
  const queuedAtKill = (await fixture.queuedIds()).length;
  gateway = await startGatewayProcess();
  const after = await openStreams(gateway.url, load.customers);
  streams.push(...after);
  await waitUntil('every message received', () => new Set(receivedIds(streams)).size === TOTAL, {
    timeoutMs: 60_000,
  });
  await waitUntil('the queue emptied', async () => (await fixture.queuedIds()).length === 0);

  process.stderr.write(
    `gateway crash test: queued at the kill ${queuedAtKill}/${TOTAL}, events received ${receivedIds(streams).length}\n`,
  );
  expect(queuedAtKill).toBeGreaterThan(0);
  // Each customer's first stream, then the one reopened after the restart.
  expectEachInOrder(load, (customerId) => {
    const n = load.customers.indexOf(customerId);
    return [before[n]!, after[n]!];
  });
});
