import { ValidationError } from '../errors';
import { EVENT_TYPES, type PublicEventType } from '../event-schemas';
import { parseEventData } from '../parse-event-data';

const HEX64 = 'abababababababababababababababababababababababababababababababab';

// Valid data of every event type; each case changes one thing and expects the field it names.
const valid: Record<PublicEventType, Record<string, unknown>> = {
  [EVENT_TYPES.stake]: {
    accountId: 'a1',
    promoCode: 'XMAS',
    activityId: 'bet-1',
    stakeMinor: 250,
    currency: 'EUR',
  },
  [EVENT_TYPES.ticketsAwarded]: { accountId: 'a1', promoCode: 'XMAS', awardId: 'aw-1', tickets: 3 },
  [EVENT_TYPES.entry]: { entryId: 'e1', utmContent: 'sca-contest', email: 'ann@example.com' },
  [EVENT_TYPES.drawDefined]: {
    drawId: 'xmas-2024',
    promoCode: 'XMAS',
    opensAt: '2024-12-01T00:00:00+00:00',
    closesAt: '2024-12-24T18:00:00Z',
    timezone: 'Europe/London',
    administrator: 'in-house',
    prizes: [
      { prizeId: 'car', name: 'A car', quantity: 1 },
      { prizeId: 'spins', name: '10 free spins', quantity: 100 },
    ],
    defaultPrize: null,
  },
  [EVENT_TYPES.drawTrigger]: { drawId: 'xmas-2024' },
  [EVENT_TYPES.drawResult]: {
    drawId: 'xmas-2024',
    accountId: 'a1',
    outcome: 'won',
    prize: { prizeId: 'car', name: 'A car' },
    ticket: 'ffffffff-0000-1111-2222-333333333333',
    rank: 1,
    tickets: 12,
  },
  [EVENT_TYPES.drawCompleted]: {
    drawId: 'xmas-2024',
    entrants: 10,
    tickets: 120,
    winners: 3,
    lateTickets: 0,
  },
  [EVENT_TYPES.ticketCount]: { drawId: 'xmas-2024', accountId: 'a1', tickets: 10, milestone: true },
  [EVENT_TYPES.instantWinDrawn]: {
    drawId: 'd1',
    campaignId: 'c1',
    customerId: 'a1',
    localDate: '2026-03-29',
    drawnAt: '2026-03-29T09:15:02.120Z',
    outcome: 'won',
    coupon: {
      code: 'K7QH2MZP4XWB6RJD3TNV5YCGLA',
      couponTypeId: 't1',
      name: '$5 Cash Coupon',
      faceValueMinor: 500,
      currency: 'USD',
      expiresAt: '2026-04-28T09:15:02.120Z',
    },
  },
  [EVENT_TYPES.couponRedeemed]: {
    code: 'K7QH2MZP4XWB6RJD3TNV5YCGLA',
    campaignId: 'c1',
    couponTypeId: 't1',
    drawId: 'd1',
    customerId: 'a1',
    faceValueMinor: 500,
    currency: 'USD',
    redeemedAt: '2026-04-02T17:40:11.005Z',
  },
  [EVENT_TYPES.customerOnline]: { customerId: 'a1', brand: 'demo', at: '2026-04-02T18:01:00.000Z' },
  [EVENT_TYPES.messageDelete]: { customerId: 'a1', sourceId: 'draw-result-17' },
  [EVENT_TYPES.eppmActivity]: {
    accountId: 'a1',
    promoCode: 'XMAS',
    activityId: 'eppm-1',
    week: 1,
    qualified: false,
    reason: 'MIN_STAKE_NOT_MET',
  },
  [EVENT_TYPES.customerMessage]: {
    messageId: '6f1c2a3e-9b0d-5c4e-8f7a-1b2c3d4e5f60',
    customerId: 'a1',
    brand: 'demo',
    messageType: 'DRAW_RESULT',
    deliveryPreference: 'full-screen',
    locale: 'en-GB',
    title: 'You won!',
    body: 'A car is yours.',
    expiresAt: '2026-04-09T18:00:00Z',
    createdAt: '2026-04-02T18:00:00Z',
    source: { type: 'prizedraw.draw-result.v1', id: 'draw-result-17' },
  },
  [EVENT_TYPES.drawRecord]: {
    drawId: 'xmas',
    scheme: 'prizedraw-verifiable-draw-v1',
    verifiable: true,
    seed: HEX64,
    definition: {
      drawId: 'xmas',
      promoCode: 'XMAS',
      opensAt: '2024-12-01T00:00:00Z',
      closesAt: '2024-12-24T18:00:00Z',
      timezone: 'Europe/London',
      administrator: 'in-house',
      prizes: [{ prizeId: 'car', name: 'Car', quantity: 1 }],
      defaultPrize: null,
      seedCommitment: HEX64,
    },
    definitionHash: HEX64,
    activityTopic: 'local.demo.cpp.activity',
    cutoffOffsets: [{ partition: 0, offset: '17' }],
    entrants: 1,
    tickets: 3,
    winners: 1,
    lateTickets: 0,
    entriesRoot: HEX64,
    entryChunks: 1,
    resultsHash: HEX64,
    completedAt: '2024-12-24T18:00:10Z',
  },
  [EVENT_TYPES.drawRecordEntries]: { drawId: 'xmas', chunk: 0, entries: [{ accountId: 'a1', tickets: 3 }] },
  [EVENT_TYPES.customerExclusion]: { customerId: 'a1', excluded: true, reason: 'self-exclusion' },
  [EVENT_TYPES.consoleAction]: {
    drawId: 'xmas',
    action: 'trigger-draw',
    operator: 'ops-ann',
    at: '2024-12-24T18:00:05Z',
  },
  [EVENT_TYPES.consoleRedrive]: {
    deadLetterTopic: 'local.demo.cpp.activity.dlq',
    partition: 0,
    offset: '17',
    originTopic: 'local.demo.cpp.activity',
    operator: 'ops-ann',
    at: '2024-12-24T18:00:05Z',
  },
};

function issuesOf(type: PublicEventType, data: Record<string, unknown>): string {
  try {
    parseEventData(type, data);
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  return 'valid';
}

describe.each(Object.keys(valid) as PublicEventType[])('%s', (type) => {
  it('when the data is valid, then it parses', () => {
    expect(issuesOf(type, valid[type])).toBe('valid');
  });

  it('when a required field is missing, then it is named', () => {
    const [first] = Object.keys(valid[type]);
    const { [first!]: _dropped, ...rest } = valid[type];
    expect(issuesOf(type, rest)).toContain(`data.${first}: Expected string, received undefined`);
  });

  it('when an unknown field is present, then it is dropped (new optional fields must not break consumers)', () => {
    expect(parseEventData(type, { ...valid[type], addedLater: 1 })).not.toHaveProperty('addedLater');
  });
});

const invalid: [PublicEventType, Record<string, unknown>, string][] = [
  [EVENT_TYPES.messageDelete, { sourceId: undefined }, 'data.messageId: Expected messageId or sourceId'],
  [EVENT_TYPES.drawRecord, { seed: 'not-hex' }, 'data.seed: Expected a lowercase hex sha256 (64 characters)'],
  [
    EVENT_TYPES.drawRecord,
    { cutoffOffsets: [{ partition: 0, offset: '-1' }] },
    'data.cutoffOffsets[0].offset: Expected a Kafka offset',
  ],
  [EVENT_TYPES.stake, { stakeMinor: 2.5 }, 'data.stakeMinor: Expected int, received number'],
  [EVENT_TYPES.stake, { stakeMinor: -1 }, 'data.stakeMinor: Too small'],
  [EVENT_TYPES.stake, { currency: 'eur' }, 'data.currency: Expected a 3-letter ISO 4217 currency code'],
  [EVENT_TYPES.stake, { accountId: '' }, 'data.accountId: Expected a non-empty string'],
  [EVENT_TYPES.ticketsAwarded, { tickets: 0 }, 'data.tickets: Too small'],
  [EVENT_TYPES.entry, { email: 'not-an-email' }, 'data.email: Expected an email address'],
  [
    EVENT_TYPES.drawDefined,
    { opensAt: '2024-12-01T00:00:00' },
    'data.opensAt: Expected an ISO-8601 date-time with offset',
  ],
  [
    EVENT_TYPES.drawDefined,
    { closesAt: '2024-11-30T23:00:00Z' },
    'data.closesAt: closesAt must be after opensAt',
  ],
  [EVENT_TYPES.drawDefined, { timezone: 'Mars/Olympus' }, 'data.timezone: Expected an IANA time zone name'],
  [EVENT_TYPES.drawDefined, { timezone: '+01:00' }, 'data.timezone: Expected an IANA time zone name'],
  [EVENT_TYPES.drawDefined, { administrator: 'acme' }, 'data.administrator: Invalid option'],
  [EVENT_TYPES.drawDefined, { prizes: [] }, 'data.prizes: Expected at least one prize'],
  [
    EVENT_TYPES.drawDefined,
    { prizes: [{ prizeId: 'p', name: 'P', quantity: 0 }] },
    'data.prizes[0].quantity: Too small',
  ],
  [
    EVENT_TYPES.drawDefined,
    {
      prizes: [
        { prizeId: 'p', name: 'P', quantity: 1 },
        { prizeId: 'p', name: 'Q', quantity: 1 },
      ],
    },
    'data.prizes[1].prizeId: Duplicate prizeId "p"',
  ],
  [
    EVENT_TYPES.drawDefined,
    { defaultPrize: undefined },
    'data.defaultPrize: Expected object, received undefined',
  ],
  [
    EVENT_TYPES.drawDefined,
    { seedCommitment: 'ABC' },
    'data.seedCommitment: Expected a lowercase hex sha256',
  ],
  [EVENT_TYPES.drawDefined, { stakePerTicketMinor: 0 }, 'data.stakePerTicketMinor: Too small'],
  [EVENT_TYPES.drawDefined, { milestones: [10, 0] }, 'data.milestones[1]: Too small'],
  [
    EVENT_TYPES.drawResult,
    { ticket: 'FFFFFFFF-0000-1111-2222-333333333333' },
    'data.ticket: Expected a lowercase UUID',
  ],
  [EVENT_TYPES.drawResult, { outcome: 'won', prize: null }, 'data.prize: A won result must name its prize'],
  [EVENT_TYPES.drawResult, { rank: 0 }, 'data.rank: Too small'],
  [EVENT_TYPES.drawCompleted, { lateTickets: -1 }, 'data.lateTickets: Too small'],
  [EVENT_TYPES.ticketCount, { milestone: 'yes' }, 'data.milestone: Expected boolean, received string'],
  [
    EVENT_TYPES.instantWinDrawn,
    { outcome: 'no-coupon' },
    'data.coupon: A won draw has a coupon, a no-coupon draw none',
  ],
  [EVENT_TYPES.instantWinDrawn, { localDate: '2026-02-30' }, 'data.localDate: Expected a calendar date'],
  [EVENT_TYPES.instantWinDrawn, { localDate: '2026-13-01' }, 'data.localDate: Expected a calendar date'],
  [EVENT_TYPES.couponRedeemed, { code: 'k7qh2mzp4xwb6rjd3tnv5ycgla' }, 'data.code: Expected a coupon code'],
];

describe.each(invalid)('%s with %j', (type, change, expected) => {
  it(`then fails with "${expected}"`, () => {
    expect(issuesOf(type, { ...valid[type], ...change })).toContain(expected);
  });
});

describe('defaults and optional fields', () => {
  it('draw-defined fills maxWinsPerCustomer 1 and milestones []', () => {
    const draw = parseEventData(EVENT_TYPES.drawDefined, valid[EVENT_TYPES.drawDefined]);
    expect(draw.maxWinsPerCustomer).toBe(1);
    expect(draw.milestones).toEqual([]);
    expect(draw.stakePerTicketMinor).toBeUndefined();
  });

  it('draw-defined keeps its optional fields', () => {
    const draw = parseEventData(EVENT_TYPES.drawDefined, {
      ...valid[EVENT_TYPES.drawDefined],
      administrator: 'sca',
      stakePerTicketMinor: 500,
      maxWinsPerCustomer: 2,
      milestones: [10, 50],
      defaultPrize: { prizeId: 'bonus', name: '£1 bonus' },
      seedCommitment: 'a'.repeat(64),
    });
    expect(draw).toMatchObject({ stakePerTicketMinor: 500, maxWinsPerCustomer: 2, milestones: [10, 50] });
  });

  it('entry accepts accountId and site', () => {
    expect(
      parseEventData(EVENT_TYPES.entry, {
        ...valid[EVENT_TYPES.entry],
        accountId: 'a1',
        site: 'www.example.com',
      }),
    ).toMatchObject({ accountId: 'a1', site: 'www.example.com' });
  });

  it('a lost result may carry the default prize or none', () => {
    const lost = { ...valid[EVENT_TYPES.drawResult], outcome: 'lost' };
    expect(issuesOf(EVENT_TYPES.drawResult, { ...lost, prize: null })).toBe('valid');
    expect(issuesOf(EVENT_TYPES.drawResult, { ...lost, prize: { prizeId: 'bonus', name: 'Bonus' } })).toBe(
      'valid',
    );
  });

  it('draw-completed accepts the revealed seed', () => {
    expect(issuesOf(EVENT_TYPES.drawCompleted, { ...valid[EVENT_TYPES.drawCompleted], seed: 'abc' })).toBe(
      'valid',
    );
  });

  it('times keep their offset', () => {
    expect(parseEventData(EVENT_TYPES.drawDefined, valid[EVENT_TYPES.drawDefined]).opensAt).toBe(
      '2024-12-01T00:00:00+00:00',
    );
  });
});
