import {
  DEAD_LETTER_HEADERS,
  decodeEvent,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type TicketCount,
  type TicketsGranted,
  topicNames,
} from '@prizedraw/events';
import { partitionForKey, type TestOutput, TopologyTestDriver } from '@prizedraw/stream';
import {
  activityInput,
  buildAward,
  buildEntry,
  buildMarker,
  buildStake,
  eventInput,
  markerInput,
  seededRandom,
} from '../test/support/builders';
import type { TicketTotals } from './processors/ticket-totals';
import { TOTALS_STORE, ticketRulesTopology } from './topology';

const topics = topicNames({ brand: 'test' });
const PARTITIONS = 4;
const grants = (outputs: TestOutput[]) => outputs.map((o) => decodeEvent(o).data as TicketsGranted);
const counts = (outputs: TestOutput[]) => outputs.map((o) => decodeEvent(o).data as TicketCount);
const partitionOf = (key: string) => partitionForKey(topics.relevant, key, PARTITIONS);

describe('ticket-rules topology', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(ticketRulesTopology({ topics }), { partitions: PARTITIONS });
  });
  afterEach(() => driver.close());

  const pipe = async (...activities: Parameters<typeof activityInput>[0][]) => {
    for (const activity of activities) await driver.pipeInput(topics.relevant, activityInput(activity));
  };

  it('when stakes accumulate, then tickets = floor(total / stake per ticket) with the remainder carried', async () => {
    await pipe(...[400, 700, 850, 50, 3500].map((stake, i) => buildStake(stake, { activityId: `bet-${i}` })));

    const granted = grants(driver.readOutput(topics.tickets));
    expect(granted).toEqual([
      {
        drawId: 'xmas-2024',
        customerId: 'acc-1',
        grantId: 'stake:bet-1',
        tickets: 1,
        total: 1,
        maxWinsPerCustomer: 1,
      },
      {
        drawId: 'xmas-2024',
        customerId: 'acc-1',
        grantId: 'stake:bet-3',
        tickets: 1,
        total: 2,
        maxWinsPerCustomer: 1,
      },
      {
        drawId: 'xmas-2024',
        customerId: 'acc-1',
        grantId: 'stake:bet-4',
        tickets: 3,
        total: 5,
        maxWinsPerCustomer: 1,
      },
    ]);
    const updates = driver.readOutput(topics.ticketUpdates);
    expect(updates.map((o) => [o.key, decodeEvent(o).type])).toEqual(
      Array(3).fill(['acc-1', EVENT_TYPES.ticketCount]),
    );
    expect(counts(updates).map((c) => c.tickets)).toEqual([1, 2, 5]);
    const stored = await driver
      .getKeyValueStore<TicketTotals>(TOTALS_STORE, partitionOf('acc-1'))
      .get('xmas-2024/acc-1');
    expect(stored).toEqual({ stakeMinor: 5500, stakeTickets: 5, awardTickets: 0, entryTickets: 0 });
  });

  it('when a grant is emitted, then it continues the input timeline and has an id derived from the input', async () => {
    await driver.pipeInput(topics.relevant, activityInput(buildStake(1000), { id: 'evt-1' }));

    const event = decodeEvent(driver.readOutput(topics.tickets)[0]!);
    expect(event).toMatchObject({ id: 'evt-1:granted', type: PIPELINE_EVENT_TYPES.ticketsGranted });
    expect(event.timeline.map((s) => s.stage)).toEqual(['occurred', 'ticket-rules.out']);
    expect(decodeEvent(driver.readOutput(topics.ticketUpdates)[0]!).id).toBe('evt-1:count');
  });

  it('when the draw has no stake per ticket, then stakes grant nothing and nothing is emitted', async () => {
    await pipe(buildStake(50_000, { draw: { stakePerTicketMinor: undefined } }));

    expect(driver.readOutput(topics.tickets)).toEqual([]);
    expect(driver.readOutput(topics.ticketUpdates)).toEqual([]);
  });

  it('when awards and entries arrive between stakes, then they add their tickets to the same count', async () => {
    await pipe(
      buildStake(1500, { activityId: 'bet-1' }),
      buildAward(4, { activityId: 'award-1' }),
      buildEntry({ activityId: 'entry-1' }),
      buildStake(500, { activityId: 'bet-2' }),
    );

    expect(grants(driver.readOutput(topics.tickets)).map((g) => [g.grantId, g.tickets, g.total])).toEqual([
      ['stake:bet-1', 1, 1],
      ['award:award-1', 4, 5],
      ['entry:entry-1', 1, 6],
      ['stake:bet-2', 1, 7],
    ]);
  });

  it('when a contest entry carries its details, then the grant passes them on in SCA draws only', async () => {
    const entry = {
      entryId: 'e-1',
      utmContent: 'gift',
      email: 'ann@example.com',
      enteredAt: '2024-11-15T12:00:00.000Z',
    };
    await pipe(
      buildEntry({ activityId: 'e-1', entry, draw: { administrator: 'sca' } }),
      buildEntry({ drawId: 'house', activityId: 'e-1', entry }),
    );
    const [sca, house] = grants(driver.readOutput(topics.tickets));
    expect(sca!.entry).toEqual(entry);
    expect(house).not.toHaveProperty('entry');
  });

  it('when a grant reaches or jumps over a milestone, then that count is flagged and no other', async () => {
    // milestones [1, 10]: 0 → 1 reaches 1, 1 → 3 none, 3 → 8 none, 8 → 12 jumps over 10, 12 → 13 none
    await pipe(
      buildStake(1000, { activityId: 'bet-1' }),
      buildAward(2, { activityId: 'award-1' }),
      buildStake(5000, { activityId: 'bet-2' }),
      buildAward(4, { activityId: 'award-2' }),
      buildEntry(),
    );

    expect(counts(driver.readOutput(topics.ticketUpdates)).map((c) => [c.tickets, c.milestone])).toEqual([
      [1, true],
      [3, false],
      [8, false],
      [12, true],
      [13, false],
    ]);
  });

  it('when one customer is in two draws and two customers in one, then every (customer, draw) counts apart', async () => {
    await pipe(
      buildStake(900, { activityId: 'bet-1' }),
      buildStake(900, { activityId: 'bet-1', drawId: 'weekly', draw: { stakePerTicketMinor: 300 } }),
      buildStake(900, { activityId: 'bet-2', customerId: 'acc-2' }),
      buildStake(200, { activityId: 'bet-3' }),
      buildStake(200, { activityId: 'bet-4', customerId: 'acc-2' }),
    );

    expect(
      grants(driver.readOutput(topics.tickets)).map((g) => [g.drawId, g.customerId, g.tickets, g.total]),
    ).toEqual([
      ['weekly', 'acc-1', 3, 3],
      ['xmas-2024', 'acc-1', 1, 1],
      ['xmas-2024', 'acc-2', 1, 1],
    ]);
  });

  it('when markers come between activities, then each passes unchanged, in order, to its partition of tickets only', async () => {
    const partition = partitionOf('acc-1');
    const marker = buildMarker();
    await pipe(buildStake(1000, { activityId: 'before' }));
    for (let p = 0; p < PARTITIONS; p++) await driver.pipeInput(topics.relevant, markerInput(marker, p));
    await pipe(buildStake(1000, { activityId: 'after' }));

    const outputs = driver.readOutput(topics.tickets);
    const markers = outputs.filter((o) => decodeEvent(o).type === PIPELINE_EVENT_TYPES.drawMarker);
    expect(markers.map((o) => [o.partition, decodeEvent(o).id, decodeEvent(o).data])).toEqual(
      [0, 1, 2, 3].map((p) => [p, `trigger-1-${p}`, marker]),
    );
    const ownPartition = outputs.filter((o) => o.partition === partition).map((o) => decodeEvent(o));
    expect(ownPartition.map((e) => (e.data as TicketsGranted).grantId ?? 'marker')).toEqual([
      'stake:before',
      'marker',
      'stake:after',
    ]);
    expect(driver.readOutput(topics.ticketUpdates)).toHaveLength(2);
  });

  it.each([
    [
      'a stake without stakeMinor',
      activityInput(buildStake(1000, { stakeMinor: undefined })),
      /data\.stakeMinor/,
    ],
    ['an award without tickets', activityInput(buildAward(1, { tickets: undefined })), /data\.tickets/],
    [
      'an event of another type',
      eventInput(EVENT_TYPES.drawTrigger, { drawId: 'd' }, { key: 'acc-1' }),
      /Ticket-rules reads/,
    ],
    ['bytes that are no CloudEvent', { key: 'acc-1', value: 'nonsense', headers: {} }, /CloudEvent|JSON/i],
  ])(
    'when the input is %s, then it lands in the DLQ with the reason and the count goes on',
    async (_, bad, reason) => {
      await driver.pipeInput(topics.relevant, bad);
      await pipe(buildStake(1000, { activityId: 'after' }));

      const [dead, ...more] = driver.readOutput(`${topics.relevant}.dlq`);
      expect(more).toEqual([]);
      expect(dead!.headers[DEAD_LETTER_HEADERS.reason]).toMatch(reason);
      expect(grants(driver.readOutput(topics.tickets)).map((g) => g.total)).toEqual([1]);
    },
  );

  it.each([1, 2, 3])(
    'when random stakes and awards arrive for many customers (seed %i), then each customer has floor(stake / per ticket) + awards tickets',
    async (seed) => {
      const random = seededRandom(seed);
      const perTicket = 250;
      const customers = Array.from({ length: 60 }, (_, i) => `acc-${seed}-${i}`);
      const expected = new Map(customers.map((c) => [c, { stake: 0, awards: 0 }]));
      for (let i = 0; i < 1500; i++) {
        // Skewed towards a few heavy customers, as real activity is.
        const customerId = customers[Math.floor(random() ** 2 * customers.length)]!;
        const sums = expected.get(customerId)!;
        if (random() < 0.1) {
          const tickets = 1 + Math.floor(random() * 5);
          sums.awards += tickets;
          await pipe(
            buildAward(tickets, {
              customerId,
              activityId: `award-${i}`,
              draw: { stakePerTicketMinor: perTicket },
            }),
          );
        } else {
          const stakeMinor = Math.floor(random() ** 3 * 2000);
          sums.stake += stakeMinor;
          await pipe(
            buildStake(stakeMinor, {
              customerId,
              activityId: `bet-${i}`,
              draw: { stakePerTicketMinor: perTicket },
            }),
          );
        }
      }

      const granted = new Map<string, number>();
      const lastTotal = new Map<string, number>();
      for (const grant of grants(driver.readOutput(topics.tickets))) {
        granted.set(grant.customerId, (granted.get(grant.customerId) ?? 0) + grant.tickets);
        lastTotal.set(grant.customerId, grant.total);
      }
      for (const [customerId, { stake, awards }] of expected) {
        const tickets = Math.floor(stake / perTicket) + awards;
        expect([customerId, granted.get(customerId) ?? 0]).toEqual([customerId, tickets]);
        expect([customerId, lastTotal.get(customerId) ?? 0]).toEqual([customerId, tickets]);
      }
    },
  );
});
