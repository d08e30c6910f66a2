import {
  type CustomerMessage,
  decodeEvent,
  EVENT_TYPES,
  type InstantWinDrawn,
  type MessageDelete,
} from '@prizedraw/events';
import { readAll } from '../../../test/support/kafka';
import type { ServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import { buildCampaign, buildPhone } from '../../instant-win/test/support/build-campaign';
import { buildMessage } from '../../onsite-gateway/test/support/build-message';
import { launchChromium } from '../../onsite-gateway/test/support/chromium';
import { bearer, testTokens } from '../../onsite-gateway/test/support/start-gateway';
import { asQueued, type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';
import { customerSessions, startMessagingProcess } from './support/messaging-process';

// A coupon redeemed before its "you won a coupon" message was seen (seed 001, "customer spends reward before
// message has been seen"), on the real MariaDB and broker: instant-win, decisions, notifications, the onsite
// gateway and the message queue in one `prizedraw start` process. Two customers win a coupon while off site;
// one redeems it: exactly one delete instruction names her win, her message leaves the queue and is not
// redelivered when she opens the demo page in Chromium (a later message is). The other's message is.

const SERVICES = ['instant-win', 'decisions', 'notifications', 'onsite-gateway', 'message-queue'];

let fixture: MessageQueueFixture;
let service: ServiceProcess;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const sessions = customerSessions();

beforeAll(async () => {
  fixture = await messageQueueFixture();
  service = await startMessagingProcess(fixture, SERVICES);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  sessions.closeAll();
  await service?.stop();
  await fixture?.drop();
});

async function call(path: string, as: ReturnType<typeof bearer>, body?: unknown) {
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const comeOnline = (customerId: string) => sessions.open(service.url, customerId);

describe('a coupon redeemed before its message was seen', () => {
  it('when the customer redeems the coupon, then one delete instruction removes her queued win message and she never gets it', async () => {
    const operator = bearer('operator', 'ops');
    const campaign = await call(
      '/v1/campaigns',
      operator,
      buildCampaign({ closesAt: '2099-01-01T00:00:00Z' }),
    );
    expect(campaign.status).toBe(201);
    const coupons = new Map<string, string>();
    for (const customerId of ['ann', 'bob']) {
      expect(
        (await call('/v1/customers', operator, { phone: buildPhone(), accountId: customerId })).status,
      ).toBe(201);
      const draw = await call(
        `/v1/campaigns/${campaign.body.campaignId}/draws`,
        bearer('customer', customerId),
      );
      expect(draw.body).toMatchObject({ outcome: 'won', customerId });
      coupons.set(customerId, (draw.body as unknown as InstantWinDrawn).coupon!.code);
    }
    await waitUntil(
      'both win messages queued',
      async () =>
        (await fixture.queuedIds('ann')).length === 1 && (await fixture.queuedIds('bob')).length === 1,
      { timeoutMs: 30_000 },
    );
    const [annMessage] = (await readAll(fixture.topics.messageQueueInbound))
      .map((message) => decodeEvent(message).data as CustomerMessage)
      .filter((message) => message.customerId === 'ann');
    expect(annMessage).toMatchObject({
      messageType: 'REWARD_AWARDED',
      source: { type: EVENT_TYPES.instantWinDrawn },
    });

    const redeemed = await call(`/v1/coupons/${coupons.get('ann')}/redeem`, bearer('customer', 'ann'));
    expect(redeemed.status).toBe(200);
    await waitUntil('her message deleted', async () => (await fixture.queuedIds('ann')).length === 0, {
      timeoutMs: 30_000,
    });

    // Exactly one instruction, naming the drawn event her message was made from.
    const drawnEvent = (await readAll(fixture.topics.instantWinEvents))
      .map((message) => decodeEvent(message))
      .find(
        (event) =>
          event.type === EVENT_TYPES.instantWinDrawn && (event.data as InstantWinDrawn).customerId === 'ann',
      );
    const instructions = (await readAll(fixture.topics.messageDeletes)).map((message) => ({
      key: message.key?.toString(),
      data: decodeEvent(message).data as MessageDelete,
    }));
    expect(instructions).toEqual([{ key: 'ann', data: { customerId: 'ann', sourceId: drawnEvent!.id } }]);
    expect(annMessage!.source.id).toBe(drawnEvent!.id);
    expect(await fixture.queuedIds('bob')).toHaveLength(1);

    // On site: the queue redelivers in order, so once a later message reaches her, the deleted one would have.
    const later = buildMessage('ann', { title: 'Better luck next time' });
    await fixture.produceEvents(
      fixture.topics.messageQueueInbound,
      EVENT_TYPES.customerMessage,
      asQueued([later]),
    );
    await waitUntil('the later one queued', async () => (await fixture.queuedIds('ann')).length === 1);
    // In Chromium, as she sees it: the demo page shows the later message and never her win.
    const page = await browser.newPage();
    const token = testTokens.issue({ role: 'customer', subject: 'ann', ttlSeconds: 600 });
    await page.goto(`${service.url}/demo/customer.html?customer=ann&token=${token}`);
    await page.waitForSelector(`[data-message-id="${later.messageId}"]`, { timeout: 30_000 });
    expect(await page.$$eval(`[data-message-id="${annMessage!.messageId}"]`, (nodes) => nodes.length)).toBe(
      0,
    );
    expect(await page.$$eval('[data-message-id]', (nodes) => nodes.length)).toBe(1);
    const [bobs] = await (await comeOnline('bob')).messages(1, 30_000);
    expect(JSON.parse(bobs!.data)).toMatchObject({ customerId: 'bob', messageType: 'REWARD_AWARDED' });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^prizedraw_message_queue_redemptions_total\{outcome="deleted"\} 1$/m);
  });
});
