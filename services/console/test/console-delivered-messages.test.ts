import { bind, decodeEvent, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import { produce, readUntil } from '../../../test/support/kafka';
import { freePort } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import {
  type MessageQueueFixture,
  messageQueueFixture,
} from '../../message-queue/test/support/message-queue-fixture';
import { openSse, type SseStream } from '../../onsite-gateway/test/support/sse-client';
import { bearer, TEST_SECRET, testTokens } from '../../onsite-gateway/test/support/start-gateway';
import { type ConsoleTestProcess, startConsoleProcess } from './support/console-process';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// Messages delivered on site, end to end: decisions, notifications, the onsite gateway, the message queue
// (a MariaDB test database of its own) and the console in one process (its own port is notifications'
// decisions and gateway URL and the queue's gateway), on the real broker. ann has her page open when her
// draw result comes: the gateway delivers it, notifications records it on {brand}.customer-messages.delivered,
// and the console's customer page shows it delivered on site at once, with when. bob is not on site, so his
// is queued; he comes online after the draw, the queue delivers it and records it on the same topic, and the
// console shows it delivered from the queue, with when.

let fixture: MessageQueueFixture;
let app: ConsoleTestProcess;
let ann: SseStream | undefined;
let bob: SseStream | undefined;

beforeAll(async () => {
  fixture = await messageQueueFixture();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  app = await startConsoleProcess(
    ['decisions', 'notifications', 'onsite-gateway', 'message-queue', 'console'],
    {
      ...fixture.env(url),
      BRAND: fixture.brand,
      API_TOKEN_SECRET: TEST_SECRET,
      HTTP_PORT: String(port),
      DECISIONS_URL: url,
      ONSITE_GATEWAY_URL: url,
    },
  );
});
afterAll(async () => {
  ann?.close();
  bob?.close();
  await app?.close();
  await fixture?.drop();
});

// A lost result: DRAW_RESULT, a toast, tried on site on any day (only REWARD_AWARDED waits on Mondays).
const lostResult = (accountId: string) =>
  encodeEvent(
    toCloudEvent(
      bind({
        drawId: 'spring',
        accountId,
        outcome: 'lost',
        prize: null,
        ticket: 'ffffffff-0000-1111-2222-333333333333',
        rank: 2,
        tickets: 3,
      }),
      {
        type: EVENT_TYPES.drawResult,
        source: '/test',
        id: `spring:result:${accountId}`,
        time: new Date().toISOString(),
      },
    ),
    { key: accountId },
  );

describe('messages delivered on the customer page', () => {
  it('when a result is delivered to an open page, then the console lists it as delivered on site with when; one queued and delivered later, as delivered from the queue with when', async () => {
    const { running, browser } = app;
    const { topics } = fixture;
    ann = await openSse(`${running.url}/v1/customers/ann/stream`, bearer('customer', 'ann'));
    await produce(topics.results, [lostResult('ann'), lostResult('bob')]);
    const [shown] = await ann.messages(1, 30_000);
    const [record] = await readUntil(topics.messagesDelivered, (messages) => messages.length > 0, 30_000);
    const delivered = decodeEvent(record!);
    expect(delivered.type).toBe(EVENT_TYPES.customerMessageDelivered);
    const { messageId, deliveredAt } = delivered.data as { messageId: string; deliveredAt: string };
    expect(shown?.id).toBe(messageId);

    const page = await loggedInPage(
      browser,
      running.url,
      testTokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 }),
    );
    const row = `#customer-messages tr[data-message-id="${messageId}"]`;
    await page.goto(`${running.url}/console/#/customers/ann`);
    // The console reads the topic from its start: reload until it has the record.
    await page.waitForFunction(`document.querySelector('${row}') !== null || (location.reload(), false)`, {
      timeout: 30_000,
      polling: 1000,
    });
    expect(await page.$eval(`${row} [data-field="status"]`, (cell) => cell.textContent)).toBe(
      'delivered on site at once',
    );
    expect(
      await page.$eval(`${row} [data-field="delivered-at"] time`, (time) => time.getAttribute('datetime')),
    ).toBe(deliveredAt);
    expect(await page.$eval(`${row} [data-field="queued-at"]`, (cell) => cell.textContent)).toBe('—');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'customer-delivered');

    // bob was not on site: his message went to the queue topic, where the console finds it waiting.
    await page.goto(`${running.url}/console/#/customers/bob`);
    const bobStatus = `document.querySelector('#customer-messages [data-field="status"]')?.dataset.status`;
    await page.waitForFunction(`${bobStatus} === 'waiting' || (location.reload(), false)`, {
      timeout: 30_000,
      polling: 1000,
    });
    expect(
      await page.$eval('#customer-messages [data-field="delivered-at"]', (cell) => cell.textContent),
    ).toBe('—');

    // He comes online after the draw: the queue delivers his message and records when.
    bob = await openSse(`${running.url}/v1/customers/bob/stream`, bearer('customer', 'bob'));
    const [redelivered] = await bob.messages(1, 30_000);
    const queueEvents = async () =>
      (await fixture.deliveredEvents()).filter((event) => event.source === '/prizedraw/message-queue');
    await waitUntil('his delivered event relayed', async () => (await queueEvents()).length === 1);
    const [fromQueue] = await queueEvents();
    expect(fromQueue?.messageId).toBe(redelivered?.id);
    const bobRow = `#customer-messages tr[data-message-id="${fromQueue?.messageId}"]`;
    await page.waitForFunction(
      `document.querySelector('${bobRow} [data-field="delivered-at"] time') !== null || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    expect(
      await page.$eval(`${bobRow} [data-field="delivered-at"] time`, (time) => time.getAttribute('datetime')),
    ).toBe(fromQueue?.deliveredAt);
    expect(await page.$eval(`${bobRow} [data-field="status"]`, (cell) => cell.textContent)).toBe(
      'delivered from the queue',
    );
    expect(await page.$eval(`${bobRow} [data-field="queued-at"] time`, (time) => time.dateTime)).toMatch(
      /^\d{4}-/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'customer-delivered-later');
  });
});
