import {
  bind,
  decodeEvent,
  EVENT_TYPES,
  encodeEvent,
  type MessageDelete,
  toCloudEvent,
} from '@prizedraw/events';
import type { Message } from 'kafkajs';
import { produce, readAll, readUntil } from '../../../test/support/kafka';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import { buildDrawn, buildRedeemed } from './support/instant-win-events';
import { type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';
import { counterValue } from './support/start-message-queue';

// `prizedraw start message-queue` as a process of its own, SIGKILLed while it turns 10,000 coupon redemptions
// into delete instructions, then started again with an empty state directory (its won draws restored from
// the changelog, as on another instance): every redemption makes exactly one committed instruction, naming
// the drawn event of its own draw.

const TOTAL = 10_000; // redemptions, 50 of each of 200 customers
const CUSTOMERS = 200;

// No customer comes online here, so the queue never calls its gateway: an address where nothing listens.
const NO_GATEWAY = 'http://127.0.0.1:9';

let fixture: MessageQueueFixture;
let queue: ServiceProcess | undefined;

beforeAll(async () => (fixture = await messageQueueFixture()));
afterAll(async () => {
  await queue?.stop();
  await fixture?.drop();
});

const startQueue = () =>
  startServiceProcess(['message-queue'], { ...fixture.env(NO_GATEWAY), KAFKA_SESSION_TIMEOUT_MS: '6000' });

const deletedCount = (url: string) =>
  counterValue(url, 'prizedraw_message_queue_redemptions_total', 'outcome="deleted"');

/** Each draw's won event, then its redemption, in the order the outbox relay writes them. */
async function produceRedemptions(): Promise<void> {
  const event = (type: string, data: { customerId: string }, id: string) =>
    encodeEvent(toCloudEvent(bind(data), { type, source: '/prizedraw/instant-win', id }), {
      key: data.customerId,
    });
  const messages: Message[] = [];
  for (let n = 0; n < TOTAL; n++) {
    const customerId = `c-${n % CUSTOMERS}`;
    const drawId = `d-${n}`;
    messages.push(event(EVENT_TYPES.instantWinDrawn, buildDrawn(drawId, customerId), `drawn-${drawId}`));
    messages.push(event(EVENT_TYPES.couponRedeemed, buildRedeemed(drawId, customerId), `redeemed-${drawId}`));
  }
  // In slices, one after the other (so each customer's stay in order), each under the broker's request limit.
  for (let i = 0; i < messages.length; i += 1000) {
    await produce(fixture.topics.instantWinEvents, messages.slice(i, i + 1000));
  }
}

it('when the queue process is killed while it turns redemptions into delete instructions, then each redemption makes exactly one', async () => {
  queue = await startQueue();
  const producing = produceRedemptions();
  await waitUntil('some redemptions read', async () => (await deletedCount(queue!.url)) >= 4000, {
    everyMs: 5,
    timeoutMs: 60_000,
  });
  await queue.kill();
  const atKill = (await readAll(fixture.topics.messageDeletes)).length;
  queue = await startQueue();
  const messages = await readUntil(fixture.topics.messageDeletes, (read) => read.length >= TOTAL, 90_000);
  await producing;
  // Once the second process has read every redemption the first did not commit, nothing more can come.
  await waitUntil(
    'the redemptions all counted',
    async () => (await deletedCount(queue!.url)) + atKill >= TOTAL,
  );
  const all = (await readAll(fixture.topics.messageDeletes)).map((message) => ({
    key: message.key?.toString(),
    id: decodeEvent(message).id,
    data: decodeEvent(message).data as MessageDelete,
  }));
  process.stderr.write(`redemption crash test: ${atKill}/${TOTAL} instructions committed at the kill\n`);
  expect(messages.length).toBeGreaterThanOrEqual(TOTAL);
  expect(all).toHaveLength(TOTAL);
  // Some committed before the kill: the second process took their draws' forgetting from the changelog.
  expect(atKill).toBeGreaterThan(0);
  expect(atKill).toBeLessThan(TOTAL);
  for (const { key, id, data } of all) {
    const drawId = id.replace(/^redeemed-/, '').replace(/:delete$/, '');
    expect(data).toEqual({ customerId: key, sourceId: `drawn-${drawId}` });
  }
  expect(new Set(all.map((instruction) => instruction.id)).size).toBe(TOTAL);
});
