import { DEFAULT_RULES_FILE, decide, loadRules } from '@prizedraw/decisions';
import {
  type CustomerMessage,
  DEAD_LETTER_HEADERS,
  decodeEvent,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  topicNames,
  type ValidatedEvent,
} from '@prizedraw/events';
import { TopologyTestDriver } from '@prizedraw/stream';
import { eventInput } from '../../../test/support/pipeline-inputs';
import { CallFailed } from './adapters/resilient-call';
import { TemplateStore } from './adapters/template-store';
import { DEFAULT_TEMPLATES_DIR } from './config';
import type { MessageOutcome } from './processors/message-outcome';
import { DEFAULT_EVENT_TYPES } from './processors/notifications-processor';
import { notificationsTopology, unqualificationTopology } from './topology';

// The whole topology in memory: decisions are the shipped rules applied in-process (the HTTP client is tested
// against the real service elsewhere); the gateway is a set of customers on site.

const topics = topicNames({ brand: 'test' });
const rules = loadRules(DEFAULT_RULES_FILE);
const templates = TemplateStore.load(DEFAULT_TEMPLATES_DIR);
const TUESDAY = new Date('2026-12-01T10:00:00Z');
const MONDAY = new Date('2026-11-30T10:00:00Z');
const RESULT_TIME = '2026-11-30T09:00:00Z';

const won = (accountId: string) => ({
  drawId: 'xmas',
  accountId,
  outcome: 'won',
  prize: { prizeId: 'car', name: 'A car' },
  ticket: 'ffffffff-0000-0000-0000-000000000000',
  rank: 1,
  tickets: 3,
});
const lost = (accountId: string) => ({ ...won(accountId), outcome: 'lost', prize: null, rank: 2 });
const resultInput = (
  data: { accountId: string } & Record<string, unknown>,
  id = `xmas:result:${data.accountId}`,
) => eventInput(EVENT_TYPES.drawResult, data, { key: data.accountId, id, time: RESULT_TIME });

describe('notifications topology', () => {
  let driver: TopologyTestDriver;
  let now: Date;
  let online: Set<string>;
  let delivered: CustomerMessage[];
  let decided: string[];
  let outcomes: MessageOutcome[];
  let template = templates.get.bind(templates);
  let refusal: string | undefined;

  const start = async (options: { gateway?: boolean; eventTypes?: readonly string[] } = {}) => {
    const processor = {
      brand: 'test',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      eventTypes: new Set(options.eventTypes ?? DEFAULT_EVENT_TYPES),
      decide: async (events: readonly ValidatedEvent[]) =>
        events.map((event) => {
          decided.push(event.id);
          return decide(event, rules);
        }),
      ...(options.gateway !== false && {
        deliver: async (messages: readonly CustomerMessage[]) =>
          messages.map((message) => {
            if (refusal !== undefined) return new CallFailed(refusal, false);
            if (!online.has(message.customerId)) return 'offline' as const;
            delivered.push(message);
            return 'delivered' as const;
          }),
      }),
      template: (brand: string, locale: string, name: string, eventId: string) =>
        template(brand, locale, name, eventId),
      now: () => now,
      onOutcome: (outcome: MessageOutcome) => void outcomes.push(outcome),
    };
    driver = await TopologyTestDriver.create(notificationsTopology({ topics, processor }), { partitions: 2 });
  };
  const queued = () => driver.readOutput(topics.messageQueueInbound).map((o) => decodeEvent(o));

  beforeEach(() => {
    now = TUESDAY;
    online = new Set();
    delivered = [];
    decided = [];
    outcomes = [];
    template = templates.get.bind(templates);
    refusal = undefined;
  });
  afterEach(() => driver?.close());

  it('when a winner is on site, then the reward is delivered on site, recorded as delivered with when, and nothing is queued', async () => {
    await start();
    online.add('ann');
    await driver.pipeInput(topics.results, resultInput(won('ann')));
    expect(delivered).toEqual([
      expect.objectContaining({
        customerId: 'ann',
        brand: 'test',
        messageType: 'REWARD_AWARDED',
        deliveryPreference: 'full-screen',
        locale: 'en-GB',
        title: 'You won!',
        body: 'Congratulations: you won A car in the draw xmas.',
        expiresAt: '2026-12-07T09:00:00.000Z',
        source: { type: EVENT_TYPES.drawResult, id: 'xmas:result:ann' },
      }),
    ]);
    expect(queued()).toEqual([]);
    expect(outcomes).toEqual([{ outcome: 'delivered', reason: 'onsite' }]);
    const [record, ...more] = driver.readOutput(topics.messagesDelivered);
    expect(more).toEqual([]);
    expect(record?.key).toBe('ann');
    const event = decodeEvent(record!);
    expect(event.type).toBe(EVENT_TYPES.customerMessageDelivered);
    expect(event.id).toBe(`${delivered[0]?.messageId}:delivered`);
    expect(event.data).toEqual({ ...delivered[0], deliveredAt: TUESDAY.toISOString() });
  });

  it('when a customer is not on site, then the message goes to the queue topic keyed by customer with a stable id', async () => {
    await start();
    await driver.pipeInput(topics.results, resultInput(lost('bob')));
    await driver.pipeInput(topics.results, resultInput(lost('bob')));
    const [first, again, ...more] = driver.readOutput(topics.messageQueueInbound);
    expect(more).toEqual([]);
    expect(first?.key).toBe('bob');
    const [event, repeat] = [decodeEvent(first!), decodeEvent(again!)];
    expect(event.type).toBe(EVENT_TYPES.customerMessage);
    expect(event.data).toMatchObject({
      messageType: 'DRAW_RESULT',
      deliveryPreference: 'toast',
      title: 'Better luck next time',
    });
    const message = event.data as CustomerMessage;
    expect(event.id).toBe(message.messageId);
    expect((repeat!.data as CustomerMessage).messageId).toBe(message.messageId);
    expect(outcomes).toEqual([
      { outcome: 'queued', reason: 'offline' },
      { outcome: 'queued', reason: 'offline' },
    ]);
  });

  it('when a reward is won on a Monday of the brand time zone, then it is queued without trying the gateway; an unqualification goes through', async () => {
    await start();
    now = MONDAY;
    online.add('cat');
    await driver.pipeInput(topics.results, resultInput(won('cat')));
    const unqualification = { accountId: 'cat', promoCode: 'XMAS', week: 1, activityId: 'e-1' };
    await driver.pipeInput(
      topics.unqualified,
      eventInput(PIPELINE_EVENT_TYPES.unqualification, unqualification, { key: 'cat', time: RESULT_TIME }),
    );
    expect(queued().map((event) => (event.data as CustomerMessage).messageType)).toEqual(['REWARD_AWARDED']);
    expect(delivered.map((message) => message.messageType)).toEqual(['UNQUALIFICATION']);
    expect(outcomes).toEqual([
      { outcome: 'queued', reason: 'monday' },
      { outcome: 'delivered', reason: 'onsite' },
    ]);
  });

  it('when there is no gateway, then every message is queued', async () => {
    await start({ gateway: false });
    await driver.pipeInput(topics.results, resultInput(won('dan')));
    expect(queued()).toHaveLength(1);
    expect(outcomes).toEqual([{ outcome: 'queued', reason: 'no-gateway' }]);
  });

  it('when a ticket count is no milestone, then decisions is not asked; a milestone is told', async () => {
    await start();
    online.add('eve');
    const count = (tickets: number, milestone: boolean) =>
      eventInput(
        EVENT_TYPES.ticketCount,
        { drawId: 'xmas', accountId: 'eve', tickets, milestone },
        {
          key: 'eve',
          id: `count-${tickets}`,
          time: '2026-12-01T09:30:00Z',
        },
      );
    await driver.pipeInput(topics.ticketUpdates, count(9, false));
    await driver.pipeInput(topics.ticketUpdates, count(10, true));
    expect(decided).toEqual(['count-10']);
    expect(delivered.map((message) => message.title)).toEqual(['10 tickets!']);
    expect(outcomes[0]).toEqual({ outcome: 'dropped', reason: 'filtered' });
  });

  it('when a message has expired, the event has no decision or is not configured, then it is dropped and counted by reason', async () => {
    await start({ eventTypes: [EVENT_TYPES.drawResult, EVENT_TYPES.drawCompleted] });
    now = new Date('2027-01-01T00:00:00Z');
    await driver.pipeInput(topics.results, resultInput(won('fay')));
    const completed = { drawId: 'xmas', entrants: 1, tickets: 1, winners: 1, lateTickets: 0 };
    await driver.pipeInput(topics.results, eventInput(EVENT_TYPES.drawCompleted, completed, { key: 'xmas' }));
    const unqualification = { accountId: 'fay', promoCode: 'XMAS', week: 1, activityId: 'e-2' };
    await driver.pipeInput(
      topics.unqualified,
      eventInput(PIPELINE_EVENT_TYPES.unqualification, unqualification, { key: 'fay' }),
    );
    expect(queued()).toEqual([]);
    expect(outcomes).toEqual([
      { outcome: 'dropped', reason: 'expired' },
      { outcome: 'dropped', reason: 'no-decision' },
      { outcome: 'dropped', reason: 'filtered' },
    ]);
  });

  it('when an instant-win draw wins a coupon, then the customer is told the code; a draw without one is not decided', async () => {
    await start();
    online.add('kim');
    const drawn = (outcome: 'won' | 'no-coupon', id: string) => ({
      drawId: `draw-${id}`,
      campaignId: 'spring',
      customerId: 'kim',
      localDate: '2026-12-01',
      drawnAt: '2026-12-01T09:30:00Z',
      outcome,
      coupon:
        outcome === 'won'
          ? {
              code: 'K7QH2MZP4XWB6RJD3TNV5YCGLA',
              couponTypeId: 'five',
              name: '$5 Cash Coupon',
              faceValueMinor: 500,
              currency: 'USD',
              expiresAt: '2026-12-31T09:30:00Z',
            }
          : null,
    });
    const input = (outcome: 'won' | 'no-coupon', id: string) =>
      eventInput(EVENT_TYPES.instantWinDrawn, drawn(outcome, id), {
        key: 'kim',
        id,
        time: '2026-12-01T09:30:00Z',
      });
    await driver.pipeInput(topics.instantWinEvents, input('won', '1042'));
    await driver.pipeInput(topics.instantWinEvents, input('no-coupon', '1043'));
    expect(delivered).toEqual([
      expect.objectContaining({
        customerId: 'kim',
        messageType: 'REWARD_AWARDED',
        title: 'You won $5 Cash Coupon!',
        body: 'Your coupon code is K7QH2MZP4XWB6RJD3TNV5YCGLA. Redeem it before 2026-12-31T09:30:00Z.',
        source: { type: EVENT_TYPES.instantWinDrawn, id: '1042' },
      }),
    ]);
    expect(outcomes).toEqual([
      { outcome: 'delivered', reason: 'onsite' },
      { outcome: 'dropped', reason: 'no-decision' },
    ]);
  });

  it('when the template is missing, then the event goes to the dead-letter topic with the reason', async () => {
    await start();
    template = (brand, _locale, name, eventId) => templates.get(brand, 'fr-FR', name, eventId);
    await driver.pipeInput(topics.results, resultInput(won('gus')));
    const [dead] = driver.readOutput(`${topics.results}.dlq`);
    expect(dead?.headers[DEAD_LETTER_HEADERS.reason]).toContain(
      'no template draw-won for brand test (or default), locale fr-FR',
    );
    expect(queued()).toEqual([]);
  });

  it('when the gateway refuses a message as invalid, then the event goes to the dead-letter topic with its answer', async () => {
    await start();
    refusal = 'POST /v1/customers/lou/messages answered 400: body.title';
    await driver.pipeInput(topics.results, resultInput(lost('lou')));
    const [dead] = driver.readOutput(`${topics.results}.dlq`);
    expect(dead?.headers[DEAD_LETTER_HEADERS.reason]).toContain('answered 400: body.title');
    expect(queued()).toEqual([]);
  });

  it('when a result is malformed, then it goes to the dead-letter topic naming the field', async () => {
    await start();
    await driver.pipeInput(topics.results, resultInput({ ...won('hal'), outcome: 'maybe' }));
    const [dead] = driver.readOutput(`${topics.results}.dlq`);
    expect(dead?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/outcome/);
    expect(decided).toEqual([]);
  });
});

describe('unqualification topology', () => {
  it('when EPPM says a customer did not qualify, then an unqualification is forwarded keyed by the account; a qualified verdict is not', async () => {
    const driver = await TopologyTestDriver.create(unqualificationTopology({ topics }), { partitions: 2 });
    try {
      const verdict = (accountId: string, qualified: boolean) =>
        eventInput(
          EVENT_TYPES.eppmActivity,
          { accountId, promoCode: 'XMAS', activityId: `eppm-${accountId}`, qualified, reason: 'MIN_STAKE' },
          { key: accountId, id: `eppm-${accountId}` },
        );
      await driver.pipeInput(topics.eppmActivity, verdict('ivy', false));
      await driver.pipeInput(topics.eppmActivity, verdict('jon', true));
      const [output, ...more] = driver.readOutput(topics.unqualified);
      expect(more).toEqual([]);
      expect(output?.key).toBe('ivy');
      expect(decodeEvent(output!)).toMatchObject({
        id: 'eppm-ivy:unqualification',
        type: PIPELINE_EVENT_TYPES.unqualification,
        data: { accountId: 'ivy', promoCode: 'XMAS', week: 1, activityId: 'eppm-ivy', reason: 'MIN_STAKE' },
      });
    } finally {
      await driver.close();
    }
  });
});
