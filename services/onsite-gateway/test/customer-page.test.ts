import { EVENT_TYPES } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import type { Browser, Page } from 'puppeteer-core';
import { waitUntil } from '../../../test/support/wait-until';
import {
  asQueued,
  type MessageQueueFixture,
  messageQueueFixture,
} from '../../message-queue/test/support/message-queue-fixture';
import { startMessageQueue } from '../../message-queue/test/support/start-message-queue';
import { buildMessage } from './support/build-message';
import { launchChromium } from './support/chromium';
import { bearer, startGateway } from './support/start-gateway';

// The demo page in a real headless Chromium, as a customer sees it: a message posted while the page is
// open appears (once, even when posted twice); a message queued before the customer came appears when
// they open the page; a message whose reward was spent (delete instruction) never does.

let fixture: MessageQueueFixture;
let gateway: RunningServices;
let queue: RunningServices;
let browser: Browser;

beforeAll(async () => {
  fixture = await messageQueueFixture();
  gateway = await startGateway({ BRAND: fixture.brand });
  queue = await startMessageQueue(fixture.env(gateway.url));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await queue?.close();
  await gateway?.close();
  await fixture?.drop();
});

const post = (message: ReturnType<typeof buildMessage>) =>
  fetch(`${gateway.url}/v1/customers/${message.customerId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer('operator', 'notifications') },
    body: JSON.stringify(message),
  });
const queueMessages = (...messages: ReturnType<typeof buildMessage>[]) =>
  fixture.produceEvents(fixture.topics.messageQueueInbound, EVENT_TYPES.customerMessage, asQueued(messages));
const openPage = async (customerId: string): Promise<Page> => {
  const page = await browser.newPage();
  await page.goto(`${gateway.url}/demo/customer.html?customer=${customerId}`);
  await page.waitForSelector('#status[data-state="connected"]', { timeout: 15_000 });
  return page;
};
const shown = (page: Page, messageId: string) =>
  page.$$eval(`[data-message-id="${messageId}"]`, (nodes) => nodes.length);

describe('the customer page in Chromium', () => {
  it('when a message is posted for a customer on the page, then it appears as a toast, once', async () => {
    const page = await openPage('c-live');
    const message = buildMessage('c-live', { title: 'You won a prize', deliveryPreference: 'toast' });
    expect((await post(message)).status).toBe(200);
    const toast = await page.waitForSelector(`.toast[data-message-id="${message.messageId}"]`, {
      timeout: 10_000,
    });
    expect(await toast?.evaluate((node) => node.textContent)).toContain('You won a prize');
    expect((await post(message)).status).toBe(200);
    // A string: the function runs in the page, whose DOM types the Node project does not load.
    await page.waitForFunction("document.getElementById('repeats')?.textContent === '1'", {
      timeout: 10_000,
    });
    expect(await shown(page, message.messageId)).toBe(1);
  });

  it('when a message was queued before the customer opened the page, then it appears full screen', async () => {
    const message = buildMessage('c-later', { title: 'Your draw result', deliveryPreference: 'full-screen' });
    expect((await post(message)).status).toBe(404);
    await queueMessages(message);
    await waitUntil('queued', async () => (await fixture.queuedIds('c-later')).length === 1);
    const page = await openPage('c-later');
    await page.waitForSelector(`.overlay[data-message-id="${message.messageId}"]`, { timeout: 15_000 });
    await waitUntil('the queue emptied', async () => (await fixture.queuedIds('c-later')).length === 0);
  });

  it('when a queued message got a delete instruction, then the customer never sees it', async () => {
    const spent = buildMessage('c-spent', { title: 'Free spins awarded' });
    const later = buildMessage('c-spent', { title: 'Better luck next time' });
    await queueMessages(spent);
    await waitUntil('queued', async () => (await fixture.queuedIds('c-spent')).length === 1);
    await fixture.produceEvents(fixture.topics.messageDeletes, EVENT_TYPES.messageDelete, [
      { key: 'c-spent', data: { customerId: 'c-spent', sourceId: spent.source.id } },
    ]);
    await waitUntil('deleted', async () => (await fixture.queuedIds('c-spent')).length === 0);
    await queueMessages(later);
    await waitUntil('the later one queued', async () => (await fixture.queuedIds('c-spent')).length === 1);
    const page = await openPage('c-spent');
    // The queue redelivers in order: once the later message is on the page, the spent one would be too.
    await page.waitForSelector(`[data-message-id="${later.messageId}"]`, { timeout: 15_000 });
    expect(await shown(page, spent.messageId)).toBe(0);
  });
});
