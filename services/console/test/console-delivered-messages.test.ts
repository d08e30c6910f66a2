import { bind, decodeEvent, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import { topicsOf } from '@prizedraw/service';
import { produce, readUntil, uniqueName } from '../../../test/support/kafka';
import { freePort } from '../../../test/support/service-process';
import { openSse, type SseStream } from '../../onsite-gateway/test/support/sse-client';
import { bearer, TEST_SECRET, testTokens } from '../../onsite-gateway/test/support/start-gateway';
import { type ConsoleTestProcess, startConsoleProcess } from './support/console-process';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// A message delivered at once on site, end to end: decisions, notifications, the onsite gateway and the
// console in one process (its own port is notifications' decisions and gateway URL), on the real broker. ann
// has her page open when her draw result comes: the gateway delivers it, notifications records it on
// {brand}.customer-messages.delivered, and the console's customer page shows it delivered, with when; bob is
// not on site, so his is queued (no message queue runs here: its status is unknown).

const brand = uniqueName('console-told').toLowerCase();
const topics = topicsOf({ DC: 'local', BRAND: brand });

let app: ConsoleTestProcess;
let ann: SseStream | undefined;

beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  app = await startConsoleProcess(['decisions', 'notifications', 'onsite-gateway', 'console'], {
    BRAND: brand,
    API_TOKEN_SECRET: TEST_SECRET,
    HTTP_PORT: String(port),
    DECISIONS_URL: url,
    ONSITE_GATEWAY_URL: url,
  });
});
afterAll(async () => {
  ann?.close();
  await app?.close();
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

describe('a message delivered at once on the customer page', () => {
  it('when a result is delivered to an open page, then the console lists it as delivered on site with when; a queued one as queued', async () => {
    const { running, browser } = app;
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

    // bob was not on site: his message went to the queue topic, where the console finds it as queued.
    await page.goto(`${running.url}/console/#/customers/bob`);
    await page.waitForFunction(
      `document.querySelector('#customer-messages tr [data-field="queued-at"] time') !== null || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    expect(
      await page.$eval('#customer-messages [data-field="delivered-at"]', (cell) => cell.textContent),
    ).toBe('—');
  });
});
