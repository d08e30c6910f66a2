// One example per event for asyncapi.yaml; asyncapi-document.ts checks each against its schema.

const headers = (id: string, source: string, time: string, subject?: string) => ({
  ce_specversion: '1.0',
  ce_id: id,
  ce_source: source,
  ce_time: time,
  ...(subject === undefined ? {} : { ce_subject: subject }),
  'content-type': 'application/json',
});

const xmasDefinition = {
  drawId: 'xmas24',
  promoCode: 'XMAS24',
  opensAt: '2024-12-01T00:00:00+00:00',
  closesAt: '2024-12-24T18:00:00+00:00',
  timezone: 'Europe/London',
  administrator: 'in-house',
  stakePerTicketMinor: 1000,
  maxWinsPerCustomer: 1,
  milestones: [10, 50, 100],
  prizes: [
    { prizeId: 'car', name: 'A new car', quantity: 1 },
    { prizeId: 'spins-50', name: '50 free spins', quantity: 100 },
  ],
  defaultPrize: { prizeId: 'spins-5', name: '5 free spins' },
  seedCommitment: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

// The message notifications made for the winner: queued (customerMessage) or delivered at once.
const wonMessage = {
  messageId: '9b2f6f9e-3c1d-5a4e-8f7b-2d6c0e1a9b8c',
  customerId: 'acc-1001',
  brand: 'demo',
  messageType: 'REWARD_AWARDED',
  deliveryPreference: 'full-screen',
  locale: 'en-GB',
  title: 'You won!',
  body: 'Congratulations: you won A new car in the draw xmas24.',
  expiresAt: '2024-12-31T18:00:11Z',
  createdAt: '2024-12-24T18:00:11Z',
  source: { type: 'prizedraw.draw-result.v1', id: 'xmas24-acc-1001' },
};

export const examples = {
  stake: {
    headers: headers('bet-88231', 'urn:acme:cpp:bets', '2024-12-03T19:04:11.250+01:00', 'acc-1001'),
    payload: {
      accountId: 'acc-1001',
      promoCode: 'XMAS24',
      activityId: 'bet-88231',
      stakeMinor: 2500,
      currency: 'EUR',
    },
  },
  ticketsAwarded: {
    headers: headers('award-77', 'urn:acme:cpp:promotions', '2024-12-04T08:00:00Z', 'acc-1001'),
    payload: { accountId: 'acc-1001', promoCode: 'XMAS24', awardId: 'award-77', tickets: 5 },
  },
  entry: {
    headers: headers('entry-5521', '/prizedraw/ingestion', '2024-12-05T12:30:00-05:00'),
    payload: {
      entryId: 'entry-5521',
      utmContent: 'winter-contest',
      email: 'ann@example.com',
      site: 'www.example.com',
    },
  },
  drawDefined: {
    headers: headers('xmas24-def-1', '/prizedraw/cli', '2024-11-20T10:00:00Z', 'xmas24'),
    payload: xmasDefinition,
  },
  drawTrigger: {
    headers: headers('xmas24-trigger', '/prizedraw/scheduler', '2024-12-24T18:00:05Z', 'xmas24'),
    payload: { drawId: 'xmas24' },
  },
  drawResult: {
    headers: headers('xmas24-acc-1001', '/prizedraw/prize-draw', '2024-12-24T18:00:09Z', 'acc-1001'),
    payload: {
      drawId: 'xmas24',
      accountId: 'acc-1001',
      outcome: 'won',
      prize: { prizeId: 'car', name: 'A new car' },
      ticket: 'fffe2b1c-53d0-4c8e-9e0a-6c7f1d2a3b4c',
      rank: 1,
      tickets: 37,
    },
  },
  drawCompleted: {
    headers: headers('xmas24-completed', '/prizedraw/prize-draw', '2024-12-24T18:00:10Z', 'xmas24'),
    payload: {
      drawId: 'xmas24',
      entrants: 18250,
      tickets: 412377,
      winners: 101,
      lateTickets: 3,
      seed: 'test',
    },
  },
  ticketCount: {
    headers: headers('acc-1001-xmas24-50', '/prizedraw/ticket-wallet', '2024-12-10T21:15:00Z', 'acc-1001'),
    payload: { drawId: 'xmas24', accountId: 'acc-1001', tickets: 50, milestone: true },
  },
  instantWinDrawn: {
    headers: headers('1042', '/prizedraw/instant-win', '2026-03-29T09:15:02.120Z', 'acc-1001'),
    payload: {
      drawId: '6f1c2a7e-93b4-4c1d-8a55-0d2f4b9e7c31',
      campaignId: 'b3e0f7a2-1c44-4f0e-9d6b-58a1c2e3f4d5',
      customerId: 'acc-1001',
      localDate: '2026-03-29',
      drawnAt: '2026-03-29T09:15:02.120Z',
      outcome: 'won',
      coupon: {
        code: 'K7QH2MZP4XWB6RJD3TNV5YCGLA',
        couponTypeId: '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f',
        name: '$5 Cash Coupon',
        faceValueMinor: 500,
        currency: 'USD',
        expiresAt: '2026-04-28T09:15:02.120Z',
      },
    },
  },
  couponRedeemed: {
    headers: headers('1187', '/prizedraw/instant-win', '2026-04-02T17:40:11.005Z', 'acc-1001'),
    payload: {
      code: 'K7QH2MZP4XWB6RJD3TNV5YCGLA',
      campaignId: 'b3e0f7a2-1c44-4f0e-9d6b-58a1c2e3f4d5',
      couponTypeId: '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f',
      drawId: '6f1c2a7e-93b4-4c1d-8a55-0d2f4b9e7c31',
      customerId: 'acc-1001',
      faceValueMinor: 500,
      currency: 'USD',
      redeemedAt: '2026-04-02T17:40:11.005Z',
    },
  },
  customerOnline: {
    headers: headers(
      '2f0d4c1e-8a6b-4e3f-9c2d-1b0a9f8e7d6c',
      '/prizedraw/onsite-gateway',
      '2026-04-02T18:01:00.000Z',
      'acc-1001',
    ),
    payload: { customerId: 'acc-1001', brand: 'demo', at: '2026-04-02T18:01:00.000Z' },
  },
  messageDelete: {
    headers: headers('redeem-1187', 'urn:acme:rewards', '2026-04-02T17:40:12.000Z', 'acc-1001'),
    payload: { customerId: 'acc-1001', sourceId: '1042' },
  },
  eppmActivity: {
    headers: headers('eppm-9001', 'urn:acme:eppm', '2024-12-09T06:00:00Z', 'acc-1001'),
    payload: {
      accountId: 'acc-1001',
      promoCode: 'XMAS24',
      activityId: 'eppm-9001',
      week: 1,
      qualified: false,
      reason: 'MIN_STAKE_NOT_MET',
    },
  },
  customerMessage: {
    headers: headers(
      '9b2f6f9e-3c1d-5a4e-8f7b-2d6c0e1a9b8c',
      '/prizedraw/notifications',
      '2024-12-24T18:00:11Z',
      'acc-1001',
    ),
    payload: wonMessage,
  },
  drawRecord: {
    headers: headers('xmas24:record', '/prizedraw/prize-draw', '2024-12-24T18:00:10Z', 'xmas24'),
    payload: {
      drawId: 'xmas24',
      scheme: 'prizedraw-verifiable-draw-v1',
      verifiable: true,
      seed: 'a3c1f0d27be94e6f8c1d2e3f40516273a3c1f0d27be94e6f8c1d2e3f40516273',
      definition: { ...xmasDefinition, tags: [], dedupeOnEmail: false },
      definitionHash: '4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a',
      activityTopic: 'local.acme.cpp.activity',
      cutoffOffsets: [
        { partition: 0, offset: '18211' },
        { partition: 1, offset: '18107' },
      ],
      entrants: 18250,
      tickets: 412377,
      winners: 18250,
      lateTickets: 3,
      entriesRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      entryChunks: 4,
      resultsHash: 'ef2d127de37b942baad06145e54b0c619a1f22327b2ebbcfbec78f5564afe39d',
      completedAt: '2024-12-24T18:00:10Z',
    },
  },
  drawRecordEntries: {
    headers: headers('xmas24:record:entries:0', '/prizedraw/prize-draw', '2024-12-24T18:00:10Z', 'xmas24'),
    payload: {
      drawId: 'xmas24',
      chunk: 0,
      entries: [
        { accountId: 'acc-1001', tickets: 37 },
        { accountId: 'acc-1002', tickets: 4 },
      ],
    },
  },
  consoleAction: {
    headers: headers(
      '4b7e0c2a-1f3d-4e5a-9b8c-7d6e5f4a3b2c',
      '/prizedraw/console',
      '2024-12-24T18:00:05Z',
      'xmas24',
    ),
    payload: { action: 'trigger-draw', drawId: 'xmas24', operator: 'ops-ann', at: '2024-12-24T18:00:05Z' },
  },
  consoleRedrive: {
    headers: headers(
      '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
      '/prizedraw/console',
      '2024-12-03T19:30:00Z',
      'local.xmas.cpp.activity.dlq',
    ),
    payload: {
      deadLetterTopic: 'local.xmas.cpp.activity.dlq',
      partition: 3,
      offset: '1187',
      originTopic: 'local.xmas.cpp.activity',
      operator: 'ops-ann',
      at: '2024-12-03T19:30:00Z',
    },
  },
  customerMessageDelivered: {
    headers: headers(
      '9b2f6f9e-3c1d-5a4e-8f7b-2d6c0e1a9b8c:delivered',
      '/prizedraw/notifications',
      '2024-12-24T18:00:11Z',
      'acc-1001',
    ),
    payload: { ...wonMessage, deliveredAt: '2024-12-24T18:00:11.042Z' },
  },
  customerExclusion: {
    headers: headers('excl-acc-1002-1', '/prizedraw/cli', '2024-12-20T09:00:00Z', 'acc-1002'),
    payload: { customerId: 'acc-1002', excluded: true, reason: 'self-exclusion' },
  },
};
