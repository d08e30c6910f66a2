import {
  type CustomerMessage,
  DEAD_LETTER_HEADERS,
  decodeAndValidate,
  EVENT_TYPES,
  topicNames,
} from '@prizedraw/events';
import { produce, readAll, readUntil, uniqueName } from '../../../test/support/kafka';
import { freePort, type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import { drawResultMessages } from './support/draw-result-messages';

// notifications and decisions as two processes on the real broker, no onsite gateway (every message is
// queued): decisions is stopped while results arrive, the messages wait, and once decisions is back every one
// of them reaches the queue topic exactly once.

const SECRET = 'a notifications test secret of 32+ bytes';
const OUTAGE_MS = 30_000;
const brand = uniqueName('ntf').toLowerCase();
const topics = topicNames({ brand });
let decisionsPort: number;
let decisions: ServiceProcess | undefined;
let notifications: ServiceProcess;

const startDecisions = async () => {
  decisions = await startServiceProcess(
    ['decisions'],
    { BRAND: brand, PARTITIONS: '2', API_TOKEN_SECRET: SECRET },
    { port: decisionsPort },
  );
};

beforeAll(async () => {
  decisionsPort = await freePort();
  await startDecisions();
  notifications = await startServiceProcess(['notifications'], {
    BRAND: brand,
    PARTITIONS: '2',
    API_TOKEN_SECRET: SECRET,
    DECISIONS_URL: `http://127.0.0.1:${decisionsPort}`,
    NOTIFICATIONS_MAX_WAIT_MS: '2000',
  });
});
afterAll(async () => {
  await notifications?.stop();
  await decisions?.stop();
});

const messageIds = async (minimum: number) =>
  (await readUntil(topics.messageQueueInbound, (messages) => messages.length >= minimum)).map(
    (message) => (decodeAndValidate(message).data as CustomerMessage).messageId,
  );

async function metric(pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${notifications.url}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}

describe('notifications while decisions is down', () => {
  it('when decisions is stopped while results arrive, then the messages wait and all arrive once it is back', async () => {
    await produce(topics.results, drawResultMessages('before', 4));
    expect(new Set(await messageIds(4)).size).toBe(4);

    await decisions!.stop();
    const stoppedAt = Date.now();
    await produce(topics.results, drawResultMessages('during', 20));
    const failures = /prizedraw_notifications_call_failures_total\{dependency="decisions"\} (\d+)/;
    // The outage the issue names (30 s): longer than KafkaJS's retries of a handed-back batch (~50 s of
    // back-off in all, so its restarts of the consumer may come too), with the breaker open meanwhile.
    await waitUntil(
      'a 30 s outage with the breaker open',
      async () => Date.now() - stoppedAt >= OUTAGE_MS && (await metric(failures)) >= 10,
      { timeoutMs: 60_000, everyMs: 200 },
    );
    expect(await metric(/prizedraw_notifications_breaker_open\{dependency="decisions"\} (\d+)/)).toBe(1);
    expect(await readAll(topics.messageQueueInbound)).toHaveLength(4);

    await startDecisions();
    const ids = await messageIds(24);
    expect(new Set(ids).size).toBe(24);
    expect(await readAll(topics.messageQueueInbound)).toHaveLength(24);
    expect(notifications.child.exitCode).toBeNull();
    const queued = /prizedraw_notifications_messages_total\{outcome="queued",reason="no-gateway"\} (\d+)/;
    expect(await metric(queued)).toBeGreaterThanOrEqual(24);
  });

  it('when a result is malformed, then it goes to the dead-letter topic with the reason', async () => {
    await produce(topics.results, [
      {
        key: 'bad-1',
        value: '{"drawId":"x"}',
        headers: {
          ce_specversion: '1.0',
          ce_id: 'bad-1',
          ce_source: '/x',
          ce_type: EVENT_TYPES.drawResult,
          ce_time: new Date().toISOString(),
          'content-type': 'application/json',
        },
      },
    ]);
    const [dead] = await readUntil(`${topics.results}.dlq`, (messages) => messages.length >= 1);
    expect(dead?.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toMatch(/accountId/);
  });
});
