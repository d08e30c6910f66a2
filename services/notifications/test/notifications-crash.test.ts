import { type CustomerMessage, decodeAndValidate, topicNames } from '@prizedraw/events';
import { produce, readAll, readUntil, uniqueName } from '../../../test/support/kafka';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { drawResultMessages } from './support/draw-result-messages';

// notifications SIGKILLed while it queues a draw's results, then started again: every result's message is on
// the queue topic exactly once (the queue records commit with the input offsets, in one transaction).

const SECRET = 'a notifications crash test secret, 32+ bytes';
const RESULTS = 4_000;
const brand = uniqueName('ntfc').toLowerCase();
const topics = topicNames({ brand });
let decisions: ServiceProcess | undefined;
let notifications: ServiceProcess | undefined;

// Two partitions: every test brand's topics stay open on the shared broker (it ran out of files once).
const common = { BRAND: brand, PARTITIONS: '2', API_TOKEN_SECRET: SECRET };
const startNotifications = () =>
  // A short session, so the killed instance's partitions come back to the new one soon.
  startServiceProcess(
    ['notifications'],
    { ...common, DECISIONS_URL: decisions!.url, KAFKA_SESSION_TIMEOUT_MS: '6000' },
    { built: true },
  );

beforeAll(async () => {
  decisions = await startServiceProcess(['decisions'], common, { built: true });
  notifications = await startNotifications();
});
afterAll(async () => {
  await notifications?.stop();
  await decisions?.stop();
});

describe('notifications killed mid-flow', () => {
  it('when notifications is SIGKILLed while queueing a draw and started again, then every message is queued exactly once', async () => {
    await produce(topics.results, drawResultMessages('crash', RESULTS));
    const before = await readUntil(topics.messageQueueInbound, (messages) => messages.length >= RESULTS / 8);
    await notifications!.kill();
    expect(before.length).toBeLessThan(RESULTS);

    notifications = await startNotifications();
    const ids = (
      await readUntil(topics.messageQueueInbound, (messages) => messages.length >= RESULTS, 90_000)
    ).map((message) => (decodeAndValidate(message).data as CustomerMessage).messageId);
    expect(new Set(ids).size).toBe(RESULTS);
    expect(await readAll(topics.messageQueueInbound)).toHaveLength(RESULTS);
  });
});
