import { EVENT_TYPES } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import { type PrivateMariaDb, startPrivateMariaDb } from '../../../test/support/private-mariadb';
import { waitUntil } from '../../../test/support/wait-until';
import { buildMessage } from '../../onsite-gateway/test/support/build-message';
import { openSse, type SseStream } from '../../onsite-gateway/test/support/sse-client';
import { bearer, startGateway } from '../../onsite-gateway/test/support/start-gateway';
import { asQueued, type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';
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
  const customers = Array.from({ length: CUSTOMERS }, (_, n) => `c-db-${n}`);
  const messages = customers.flatMap((customerId) =>
    Array.from({ length: PER_CUSTOMER }, (_, n) => buildMessage(customerId, { title: `message ${n}` })),
  );
  await fixture.produceEvents(
    fixture.topics.messageQueueInbound,
    EVENT_TYPES.customerMessage,
    asQueued(messages),
  );
  await waitUntil('some stored', async () => ((await queued())?.length ?? 0) > 0, { everyMs: 5 });
  await mariadb.crash();
  await mariadb.startAgain();
  await waitUntil('all stored', async () => (await queued())?.length === TOTAL, { timeoutMs: 60_000 });
  expect(new Set(await fixture.queuedIds()).size).toBe(TOTAL);

  for (const customerId of customers)
    streams.push(
      await openSse(`${gateway.url}/v1/customers/${customerId}/stream`, bearer('customer', customerId)),
    );
  const received = () => streams.flatMap((stream) => stream.events.map((event) => event.id));
  await waitUntil('redelivery under way', () => received().length >= 20, { everyMs: 5, timeoutMs: 30_000 });
  await mariadb.crash();
  const receivedAtCrash = received().length;
  await mariadb.startAgain();
  await waitUntil('every message received', () => new Set(received()).size === TOTAL, { timeoutMs: 60_000 });
  await waitUntil('the queue emptied', async () => (await queued())?.length === 0);

  process.stderr.write(
    `mariadb outage test: received at the crash ${receivedAtCrash}/${TOTAL}, events ${received().length}\n`,
  );
  expect(receivedAtCrash).toBeLessThan(TOTAL);
  for (const [n, stream] of streams.entries()) {
    const expected = messages
      .filter((message) => message.customerId === customers[n])
      .map((m) => m.messageId);
    expect([...new Set(stream.events.map((event) => event.id))]).toEqual(expected);
  }
});
