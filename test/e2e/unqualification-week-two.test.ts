import {
  bind,
  decodeEvent,
  EVENT_TYPES,
  type EventType,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  type Stake,
  type TicketCount,
  toCloudEvent,
} from '@prizedraw/events';
import { baseConfigSchema, ensurePipelineTopics, parseConfig, topicsOf } from '@prizedraw/service';
import { openSse, type SseStream } from '../../services/onsite-gateway/test/support/sse-client';
import { bearer, TEST_SECRET } from '../../services/onsite-gateway/test/support/start-gateway';
import { produce, readAll, uniqueName, withAdmin } from '../support/kafka';
import { freePort, type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { e2eDraw } from './support/deployment';

// Week-two unqualification (seed 001 §4), end to end on the real broker: unqualification activity arrives on
// the activity topic like any other, goes through ingestion and enrichment, and dedupe (TIM) splits it off by
// the tag its promotion carries onto {brand}.relevant.unqualification.events, where notifications tells the
// customer. Activity of an untagged promotion in the same run still earns tickets.

const SERVICES = ['all', 'decisions', 'notifications', 'onsite-gateway'];

let service: ServiceProcess;
let ann: SseStream | undefined;
const brand = uniqueName('unq').toLowerCase();
const env = { BRAND: brand, PARTITIONS: '2', API_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'warn' };
const topics = topicsOf(parseConfig(baseConfigSchema, env));

const send = (topic: string, type: EventType, events: readonly { key: string; data: unknown }[]) =>
  produce(
    topic,
    events.map(({ key, data }) =>
      encodeEvent(toCloudEvent(bind(data), { type, source: '/e2e/cpp', subject: key }), { key }),
    ),
  );

beforeAll(async () => {
  await withAdmin((admin) => ensurePipelineTopics(admin, parseConfig(baseConfigSchema, env)));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  service = await startServiceProcess(
    SERVICES,
    { ...env, DECISIONS_URL: url, ONSITE_GATEWAY_URL: url },
    { port, readyTimeoutMs: 90_000 },
  );
});
afterAll(async () => {
  ann?.close();
  await service?.stop();
});

describe('week-two unqualification', () => {
  it('when unqualification activity arrives on the activity topic, then the customer sees an UNQUALIFICATION message once, and untagged activity still earns tickets', async () => {
    const draw = e2eDraw(`xmas-${brand}`);
    const weekTwo = { ...e2eDraw(`xmas-w2-${brand}`), tags: ['unqualification', 'week-2'] };
    await send(
      topics.definitions,
      EVENT_TYPES.drawDefined,
      [draw, weekTwo].map((data) => ({ key: data.drawId, data })),
    );
    ann = await openSse(`${service.url}/v1/customers/ann/stream`, bearer('customer', 'ann'));
    const stake = (accountId: string, promoCode: string, activityId: string): Stake => ({
      accountId,
      promoCode,
      activityId,
      stakeMinor: 500,
      currency: 'GBP',
    });
    const activity = [
      stake('ann', weekTwo.promoCode, 'unq-ann'),
      stake('ann', weekTwo.promoCode, 'unq-ann'), // a repeat: dedupe drops it before the split
      stake('bob', draw.promoCode, 'bet-bob'),
    ];
    await send(
      topics.activity,
      EVENT_TYPES.stake,
      activity.map((data) => ({ key: data.accountId, data })),
    );

    const [shown, ...more] = await ann.messages(1, 60_000);
    expect(more).toEqual([]);
    expect(JSON.parse(shown!.data)).toMatchObject({
      customerId: 'ann',
      messageType: 'UNQUALIFICATION',
      title: 'Not qualified this week',
      body: expect.stringContaining(`week 2 of ${weekTwo.promoCode}`),
      source: { type: PIPELINE_EVENT_TYPES.unqualification },
    });

    // bob's stake of the untagged draw earned tickets; ann's unqualification earned none anywhere.
    const counts = async () =>
      (await readAll(topics.ticketUpdates))
        .map((message) => decodeEvent(message))
        .filter((event) => event.type === EVENT_TYPES.ticketCount)
        .map((event) => event.data as TicketCount);
    await waitUntil('bob counted', async () => (await counts()).some((count) => count.accountId === 'bob'));
    const finalCounts = await counts();
    expect(finalCounts.map(({ drawId, accountId, tickets }) => ({ drawId, accountId, tickets }))).toEqual([
      { drawId: draw.drawId, accountId: 'bob', tickets: 10 },
    ]);
    const unqualifications = (await readAll(topics.unqualified)).map((message) => decodeEvent(message));
    expect(unqualifications.map(({ type, source, data }) => ({ type, source, data }))).toEqual([
      {
        type: PIPELINE_EVENT_TYPES.unqualification,
        source: '/prizedraw/dedupe',
        data: { accountId: 'ann', promoCode: weekTwo.promoCode, week: 2, activityId: 'unq-ann' },
      },
    ]);
    const relevant = (await readAll(topics.relevant)).map((message) => decodeEvent(message).data);
    expect(relevant).toEqual([expect.objectContaining({ drawId: draw.drawId, customerId: 'bob' })]);
  });
});
