import { validEventData as valid } from '../../test/support/example-event-data';
import { ValidationError } from '../errors';
import { EVENT_TYPES, type PublicEventType } from '../event-schemas';
import { parseEventData } from '../parse-event-data';

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
