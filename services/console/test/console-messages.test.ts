import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@prizedraw/cli';
import { EVENT_TYPES } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import type { Browser } from 'puppeteer-core';
import { waitUntil } from '../../../test/support/wait-until';
import {
  asQueued,
  type MessageQueueFixture,
  messageQueueFixture,
} from '../../message-queue/test/support/message-queue-fixture';
import { startMessageQueue } from '../../message-queue/test/support/start-message-queue';
import { buildMessage } from '../../onsite-gateway/test/support/build-message';
import { launchChromium } from '../../onsite-gateway/test/support/chromium';
import { openSse, type SseStream } from '../../onsite-gateway/test/support/sse-client';
import {
  bearer,
  startGateway,
  TEST_SECRET,
  testTokens,
} from '../../onsite-gateway/test/support/start-gateway';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// A customer's messages on the console's customer page, against the real message queue (its MariaDB tables,
// a test database of its own) redelivering through a real onsite gateway, all in this process: a message
// deleted by an instruction, one delivered when the customer came online (with the time of the queue's
// delivered event), one still waiting.

let fixture: MessageQueueFixture;
let gateway: RunningServices;
let queue: RunningServices;
let consoleApp: RunningServices;
let browser: Browser;
let stateDir: string;
let stream: SseStream | undefined;

beforeAll(async () => {
  fixture = await messageQueueFixture();
  stateDir = await mkdtemp(join(tmpdir(), 'console-messages-'));
  gateway = await startGateway({ BRAND: fixture.brand });
  const env = fixture.env(gateway.url);
  [queue, consoleApp, browser] = await Promise.all([
    startMessageQueue(env),
    start(['console'], {
      ...process.env,
      BRAND: fixture.brand,
      PARTITIONS: '2',
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      STATE_DIR: stateDir,
      API_TOKEN_SECRET: TEST_SECRET,
      MYSQL_URL: env.MYSQL_URL,
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  stream?.close();
  await browser?.close();
  await consoleApp?.close();
  await queue?.close();
  await gateway?.close();
  await fixture?.drop();
  await rm(stateDir, { recursive: true, force: true });
});

describe("the console's customer page", () => {
  it('when messages were queued, one deleted, one delivered on coming online, then the page shows each one’s fate', async () => {
    const [deleted, delivered] = [
      buildMessage('c-msg', { title: 'to be deleted' }),
      buildMessage('c-msg', { title: 'to be delivered' }),
    ];
    const waiting = buildMessage('c-wait', { title: 'still waiting' });
    await fixture.produceEvents(
      fixture.topics.messageQueueInbound,
      EVENT_TYPES.customerMessage,
      asQueued([deleted, delivered, waiting]),
    );
    await waitUntil('three queued', async () => (await fixture.queuedIds()).length === 3);
    await fixture.produceEvents(fixture.topics.messageDeletes, EVENT_TYPES.messageDelete, [
      { key: 'c-msg', data: { customerId: 'c-msg', messageId: deleted.messageId } },
    ]);
    await waitUntil('the deleted one gone', async () => (await fixture.queuedIds('c-msg')).length === 1);
    stream = await openSse(`${gateway.url}/v1/customers/c-msg/stream`, bearer('customer', 'c-msg'));
    expect((await stream.messages(1, 20_000)).map((event) => event.id)).toEqual([delivered.messageId]);
    await waitUntil('the delivered one gone', async () => (await fixture.queuedIds('c-msg')).length === 0);
    await waitUntil(
      'its delivered event relayed',
      async () => (await fixture.deliveredEvents()).length === 1,
    );
    const [event] = await fixture.deliveredEvents();
    expect(event).toMatchObject({ messageId: delivered.messageId, source: '/prizedraw/message-queue' });

    const token = testTokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 });
    const page = await loggedInPage(browser, consoleApp.url, token);
    const status = (messageId: string) =>
      `document.querySelector('#customer-messages tr[data-message-id="${messageId}"] [data-field="status"]')?.dataset.status`;
    await page.goto(`${consoleApp.url}/console/#/customers/c-msg`);
    const deliveredAt = `document.querySelector('#customer-messages tr[data-message-id="${delivered.messageId}"] [data-field="delivered-at"] time')?.getAttribute('datetime')`;
    // The console reads the queue topics from their start: reload until it has the fates and the time.
    await page.waitForFunction(
      `(${status(deleted.messageId)} === 'deleted' && ${deliveredAt} != null) || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    expect(await page.evaluate(status(delivered.messageId))).toBe('delivered');
    expect(await page.evaluate(deliveredAt)).toBe(event?.deliveredAt);
    const row = await page.$eval(`#customer-messages tr[data-message-id="${delivered.messageId}"]`, (tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(row).toEqual([
      expect.stringMatching(/^\d{4}-/),
      event?.deliveredAt,
      delivered.messageType,
      'to be delivered',
      delivered.expiresAt,
      'delivered from the queue',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'customer-messages');

    await page.goto(`${consoleApp.url}/console/#/customers/c-wait`);
    await page.waitForFunction(`${status(waiting.messageId)} === 'waiting' || (location.reload(), false)`, {
      timeout: 30_000,
      polling: 1000,
    });
  });
});
