import {
  createDataCodec,
  DecodeError,
  decodeAndValidate,
  EVENT_TYPES,
  encodeEvent,
  eventJsonSchema,
  type PrizedrawCloudEvent,
  type PublicEventType,
  REGISTRY_CONTENT_TYPE,
  ValidationError,
} from '@prizedraw/events';

// Round trips through the real schema registry of the local stack (deploy/local/stack up registry; `stack env`
// exports its address as PRIZEDRAW_REGISTRY_URL). Subjects are the event types, shared by every run: registering an
// unchanged schema again is a no-op for the registry, so runs do not disturb each other.

const registryUrl = process.env.PRIZEDRAW_REGISTRY_URL;

const HEX = 'abababababababababababababababababababababababababababababababab';

const data: Record<PublicEventType, unknown> = {
  [EVENT_TYPES.stake]: {
    accountId: 'a1',
    promoCode: 'XMAS',
    activityId: 'bet-1',
    stakeMinor: 250,
    currency: 'EUR',
  },
  [EVENT_TYPES.ticketsAwarded]: { accountId: 'a1', promoCode: 'XMAS', awardId: 'aw-1', tickets: 3 },
  [EVENT_TYPES.entry]: {
    entryId: 'e1',
    utmContent: 'contest',
    email: 'ann@example.com',
    site: 'www.example.com',
  },
  [EVENT_TYPES.drawDefined]: {
    drawId: 'xmas',
    promoCode: 'XMAS',
    opensAt: '2024-12-01T00:00:00+00:00',
    closesAt: '2024-12-24T18:00:00Z',
    timezone: 'Europe/London',
    administrator: 'sca',
    prizes: [{ prizeId: 'car', name: 'A car', quantity: 1 }],
    defaultPrize: null,
  },
  [EVENT_TYPES.drawTrigger]: { drawId: 'xmas' },
  [EVENT_TYPES.drawResult]: {
    drawId: 'xmas',
    accountId: 'a1',
    outcome: 'lost',
    prize: null,
    ticket: '0f8fad5b-d9cb-469f-a165-70867728950e',
    rank: 7,
    tickets: 2,
  },
  [EVENT_TYPES.drawCompleted]: { drawId: 'xmas', entrants: 1, tickets: 2, winners: 0, lateTickets: 0 },
  [EVENT_TYPES.ticketCount]: { drawId: 'xmas', accountId: 'a1', tickets: 2, milestone: false },
  [EVENT_TYPES.instantWinDrawn]: {
    drawId: 'd1',
    campaignId: 'c1',
    customerId: 'a1',
    localDate: '2026-03-29',
    drawnAt: '2026-03-29T09:15:02.120Z',
    outcome: 'no-coupon',
    coupon: null,
  },
  [EVENT_TYPES.couponRedeemed]: {
    ...{ code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', campaignId: 'spring', couponTypeId: 'bogo', drawId: 'd7' },
    ...{ customerId: 'a1', faceValueMinor: 0, currency: 'GBP', redeemedAt: '2026-04-02T18:40:11+01:00' },
  },
  [EVENT_TYPES.customerOnline]: { customerId: 'a1', brand: 'demo', at: '2026-04-02T18:01:00+01:00' },
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
  [EVENT_TYPES.messageDelete]: { customerId: 'a1', messageId: 'm-1' },
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
    ...{ drawId: 'xmas', scheme: 'prizedraw-verifiable-draw-v1', verifiable: false, reason: 'no seed' },
    definition: {
      ...{ drawId: 'xmas', promoCode: 'XMAS', timezone: 'Europe/London', administrator: 'in-house' },
      ...{ opensAt: '2024-12-01T00:00:00Z', closesAt: '2024-12-24T18:00:00Z', defaultPrize: null },
      prizes: [{ prizeId: 'car', name: 'Car', quantity: 1 }],
    },
    ...{ definitionHash: HEX, entriesRoot: HEX, resultsHash: HEX, activityTopic: 'local.demo.cpp.activity' },
    ...{
      entrants: 1,
      tickets: 2,
      winners: 1,
      lateTickets: 0,
      entryChunks: 1,
      completedAt: '2024-12-24T18:00:10Z',
    },
  },
  [EVENT_TYPES.drawRecordEntries]: { drawId: 'xmas', chunk: 0, entries: [{ accountId: 'a1', tickets: 2 }] },
  [EVENT_TYPES.customerExclusion]: { customerId: 'a1', excluded: true, reason: 'self-exclusion' },
};

const buildEvent = (type: PublicEventType): PrizedrawCloudEvent => ({
  id: `it-${type}`,
  source: '/prizedraw/test',
  type,
  specversion: '1.0',
  time: '2024-11-22T10:00:00+01:00',
  data: data[type],
  extensions: {},
  timeline: [{ stage: 'occurred', at: 1732266000000 }],
});

async function registry(path: string): Promise<unknown> {
  const response = await fetch(`${registryUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

describe('schema registry encoding', () => {
  beforeAll(() => {
    if (!registryUrl) {
      throw new Error(
        "PRIZEDRAW_REGISTRY_URL is not set: start the stack's schema registry (`deploy/local/stack up registry`, " +
          'then `eval "$(deploy/local/stack env)"`) before running these tests.',
      );
    }
  });

  it.each(Object.values(EVENT_TYPES))(
    'when %s is encoded, then the value is in the wire format and decodes through the registry',
    async (type) => {
      const record = encodeEvent(buildEvent(type), {
        dataCodec: await createDataCodec({ schemaRegistryUrl: registryUrl }),
        topic: 'local.demo.cpp.activity',
        key: 'a1',
      });
      expect(record.value[0]).toBe(0);
      const schemaId = record.value.readInt32BE(1);
      expect(schemaId).toBeGreaterThan(0);
      // Not application/json: the bytes are not JSON. The dataschema is where a client finds the schema.
      expect(record.headers).toMatchObject({
        ce_type: type,
        'content-type': REGISTRY_CONTENT_TYPE,
        ce_dataschema: `${registryUrl}/schemas/ids/${schemaId}`,
      });

      const decoded = await decodeAndValidate(record, {
        dataCodec: await createDataCodec({ schemaRegistryUrl: registryUrl }),
      });
      expect(decoded.type).toBe(type);
      expect(decoded.timeline).toEqual([{ stage: 'occurred', at: 1732266000000 }]);
      expect(decoded.data).toMatchObject(data[type] as object);
    },
  );

  it('when a type is encoded, then its subject and its dataschema URL hold the JSON Schema derived from zod', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const record = encodeEvent(buildEvent(EVENT_TYPES.stake), { dataCodec: codec, topic: 't' });
    const latest = (await registry(`/subjects/${EVENT_TYPES.stake}/versions/latest`)) as {
      id: number;
      schemaType?: string;
      schema: string;
    };
    expect(latest.schemaType).toBe('JSON');
    expect(JSON.parse(latest.schema)).toEqual(eventJsonSchema(EVENT_TYPES.stake));
    expect(record.value.readInt32BE(1)).toBe(latest.id);
    const byId = (await (await fetch(String(record.headers.ce_dataschema))).json()) as { schema: string };
    expect(JSON.parse(byId.schema)).toEqual(eventJsonSchema(EVENT_TYPES.stake));
  });

  it('when the same type is encoded again, then the schema id is reused and no version is added', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const first = encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), { dataCodec: codec, topic: 't' });
    const versions = await registry(`/subjects/${EVENT_TYPES.drawTrigger}/versions`);
    const again = [1, 2, 3].map(() =>
      encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), { dataCodec: codec, topic: 't' }),
    );
    const otherCodec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const fromOther = encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), {
      dataCodec: otherCodec,
      topic: 't',
    });
    for (const record of [...again, fromOther])
      expect(record.value.readInt32BE(1)).toBe(first.value.readInt32BE(1));
    expect(await registry(`/subjects/${EVENT_TYPES.drawTrigger}/versions`)).toEqual(versions);
  });

  it('when data breaks the registered schema, then ValidationError naming the field', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const bad = {
      ...buildEvent(EVENT_TYPES.stake),
      data: { ...(data[EVENT_TYPES.stake] as object), stakeMinor: '250' },
    };
    let error: unknown;
    try {
      encodeEvent(bad, { dataCodec: codec, topic: 't' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('data.stakeMinor');
  });

  it('when a value names a schema id the registry does not know, then DecodeError', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const value = Buffer.concat([Buffer.from([0]), Buffer.alloc(4), Buffer.from('{"drawId":"xmas"}')]);
    value.writeInt32BE(2_000_000_000, 1);
    const record = { ...encodeEvent(buildEvent(EVENT_TYPES.drawTrigger)), value };
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await Promise.resolve(decodeAndValidate(record, { dataCodec: codec })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).reason).toMatch(/does not know this schema id/);
    }
  });

  it('when a schema id the codec did not register is a real one, then it is looked up once, then read synchronously', async () => {
    // A schema registered by some other producer, under a subject of its own.
    const response = await fetch(`${registryUrl}/subjects/prizedraw-test.other-producer/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({
        schemaType: 'JSON',
        schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }),
      }),
    });
    expect(response.ok).toBe(true);
    const { id } = (await response.json()) as { id: number };
    const value = Buffer.concat([Buffer.from([0]), Buffer.alloc(4), Buffer.from('{"drawId":"xmas"}')]);
    value.writeInt32BE(id, 1);
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const first = codec.decode(value);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ drawId: 'xmas' });
    expect(codec.decode(value)).toEqual({ drawId: 'xmas' });
  });

  it('when the bytes after the wire-format header are not JSON, then DecodeError', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const good = encodeEvent(buildEvent(EVENT_TYPES.drawTrigger), { dataCodec: codec, topic: 't' });
    const value = Buffer.concat([good.value.subarray(0, 5), Buffer.from('{"drawId":')]);
    let error: unknown;
    try {
      decodeAndValidate({ ...good, value }, { dataCodec: codec });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).reason).toMatch(/data is not valid JSON/);
  });

  it('when plain JSON arrives at a registry consumer, then it still decodes', async () => {
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const decoded = await decodeAndValidate(encodeEvent(buildEvent(EVENT_TYPES.drawTrigger)), {
      dataCodec: codec,
    });
    expect(decoded.data).toEqual({ drawId: 'xmas' });
  });
});
