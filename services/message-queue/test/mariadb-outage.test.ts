import type { RunningServices } from '@prizedraw/service';
import { type PrivateMariaDb, startPrivateMariaDb } from '../../../test/support/private-mariadb';
import { waitUntil } from '../../../test/support/wait-until';
import type { SseStream } from '../../onsite-gateway/test/support/sse-client';
import { startGateway } from '../../onsite-gateway/test/support/start-gateway';
import { expectEachInOrder, openStreams, produceCustomerLoad, receivedIds } from './support/customer-load';
import { type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';
import { startMessageQueue } from './support/start-message-queue';

// The message queue on a MariaDB of its own, crashed while messages are being stored and again while they
// are redelivered (a few seconds each: within the 20 s a record's work is retried). Nothing is lost, nothing
// is held twice, every customer gets every message in order.

const CUSTOMERS = 10;
const PER_CUSTOMER = 30;
const TOTAL = CUSTOMERS * PER_CUSTOMER;

let mariadb: PrivateMariaDb;
let fixture: MessageQueueFixture;
let gateway: RunningServices;
let queue: RunningServices;
const streams: SseStream[] = [];

beforeAll(async () => {
  mariadb = await startPrivateMariaDb();
  fixture = await messageQueueFixture(mariadb.url);
  gateway = await startGateway({ BRAND: fixture.brand });
  queue = await startMessageQueue({ ...fixture.env(gateway.url), MSQ_GATEWAY_TIMEOUT_MS: '2000' });
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await queue?.close();
  await gateway?.close();
  await fixture?.drop();
  await mariadb?.close();
});

/** The ids queued now, or undefined while MariaDB cannot be reached. */
const queued = () =>
  fixture.queuedIds().then(
    (ids) => ids,
    () => undefined,
  );

it('when MariaDB crashes while messages are stored and while they are redelivered, then each is held once and delivered in order', async () => {
  const load = await produceCustomerLoad(fixture, 'c-db', CUSTOMERS, PER_CUSTOMER);
  await waitUntil('some stored', async () => ((await queued())?.length ?? 0) > 0, { everyMs: 5 });
  await mariadb.crash();
  await mariadb.startAgain();
  await waitUntil('all stored', async () => (await queued())?.length === TOTAL, { timeoutMs: 60_000 });
  expect(new Set(await fixture.queuedIds()).size).toBe(TOTAL);

  streams.push(...(await openStreams(gateway.url, load.customers)));
  await waitUntil('redelivery under way', () => receivedIds(streams).length >= 20, {
    everyMs: 5,
    timeoutMs: 30_000,
  });
  await mariadb.crash();
  const receivedAtCrash = receivedIds(streams).length;
  await mariadb.startAgain();
  await waitUntil('every message received', () => new Set(receivedIds(streams)).size === TOTAL, {
    timeoutMs: 60_000,
  });
  await waitUntil('the queue emptied', async () => (await queued())?.length === 0);

  process.stderr.write(
    `mariadb outage test: received at the crash ${receivedAtCrash}/${TOTAL}, events ${receivedIds(streams).length}\n`,
  );
  expect(receivedAtCrash).toBeLessThan(TOTAL);
  expectEachInOrder(load, (customerId) => [streams[load.customers.indexOf(customerId)]!]);
});
