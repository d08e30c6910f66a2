import { createInstantWinPool } from '../src/adapters/instant-win-pool';
import { InstantWin } from '../src/instant-win';
import { buildCampaign, buildPhone } from './support/build-campaign';
import { type InstantWinApi, startInstantWinApi } from './support/instant-win-api';
import { setUpInstantWin } from './support/set-up-instant-win';

// The instant-win API over HTTP, on the real MariaDB: roles, customers acting as themselves, problem+json.

const t = setUpInstantWin('2026-05-01T10:00:00Z');
let api: InstantWinApi;
beforeAll(async () => {
  api = await startInstantWinApi(t.instantWin);
});
afterAll(() => api.http.close());

const operator = { role: 'operator', subject: 'ops-1' } as const;
const customer = (subject: string) => ({ role: 'customer', subject }) as const;
const PROBLEM = 'tag:prizedraw,2026:problem:';

describe('instant-win API', () => {
  it('when a customer registers, draws twice and redeems twice, then 201, 201, 409 with the draw, 200, 409', async () => {
    const created = await api.call('POST', '/v1/campaigns', operator, buildCampaign());
    expect(created.status).toBe(201);
    const campaignId = String(created.body.campaignId);
    const ann = customer('ann-1');
    expect(await api.call('POST', '/v1/customers', ann, { phone: '+44 7911 123457' })).toMatchObject({
      status: 201,
      body: { customerId: 'ann-1', phone: '+447911123457' },
    });

    const draw = await api.call('POST', `/v1/campaigns/${campaignId}/draws`, ann);
    expect(draw).toMatchObject({ status: 201, body: { customerId: 'ann-1', outcome: 'won' } });
    const again = await api.call('POST', `/v1/campaigns/${campaignId}/draws`, ann);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ type: `${PROBLEM}already-drawn-today`, earlierDraw: draw.body });

    const campaign = await api.call('GET', `/v1/campaigns/${campaignId}`, ann);
    expect(campaign.body).toMatchObject({
      status: 'open',
      couponTypes: [{ remaining: 9, dailyRemaining: 9 }],
    });

    const code = (draw.body.coupon as { code: string }).code;
    expect(await api.call('POST', `/v1/coupons/${code}/redeem`, ann)).toMatchObject({
      status: 200,
      body: { code },
    });
    expect(await api.call('POST', `/v1/coupons/${code}/redeem`, ann)).toMatchObject({
      status: 409,
      body: { type: `${PROBLEM}coupon-already-redeemed` },
    });
  });

  it("when a customer redeems another's coupon or an unknown code, then 404", async () => {
    const { body } = await api.call('POST', '/v1/campaigns', operator, buildCampaign());
    await api.call('POST', '/v1/customers', operator, { phone: buildPhone(), accountId: 'bob-1' });
    const draw = await api.call('POST', `/v1/campaigns/${body.campaignId}/draws`, customer('bob-1'));
    const code = (draw.body.coupon as { code: string }).code;
    expect((await api.call('POST', `/v1/coupons/${code}/redeem`, customer('eve-1'))).status).toBe(404);
    expect((await api.call('POST', `/v1/coupons/${'B'.repeat(26)}/redeem`, customer('bob-1'))).status).toBe(
      404,
    );
    expect((await api.call('POST', '/v1/coupons/not-a-code/redeem', customer('bob-1'))).body).toMatchObject({
      status: 400,
      issues: [{ in: 'path', field: 'code' }],
    });
  });

  it('when the caller lacks a token or the role, or acts as someone else, then 401, 403', async () => {
    expect((await api.call('POST', '/v1/campaigns', undefined, buildCampaign())).status).toBe(401);
    expect((await api.call('POST', '/v1/campaigns', customer('ann-1'), buildCampaign())).status).toBe(403);
    const { body } = await api.call('POST', '/v1/campaigns', operator, buildCampaign());
    expect((await api.call('POST', `/v1/campaigns/${body.campaignId}/close`, customer('ann-1'))).status).toBe(
      403,
    );
    expect((await api.call('POST', `/v1/campaigns/${body.campaignId}/draws`, operator)).status).toBe(403);
    const impostor = await api.call('POST', '/v1/customers', customer('eve-1'), {
      phone: buildPhone(),
      accountId: 'ann-2',
    });
    expect(impostor).toMatchObject({ status: 403, body: { type: `${PROBLEM}not-yourself` } });
  });

  it('when a campaign is closed, then it shows closed and draws answer 409 campaign-not-open', async () => {
    const { body } = await api.call('POST', '/v1/campaigns', operator, buildCampaign());
    await api.call('POST', '/v1/customers', customer('cat-1'), { phone: buildPhone() });
    expect(await api.call('POST', `/v1/campaigns/${body.campaignId}/close`, operator)).toMatchObject({
      status: 200,
      body: { status: 'closed' },
    });
    expect(
      (await api.call('POST', `/v1/campaigns/${body.campaignId}/draws`, customer('cat-1'))).body,
    ).toMatchObject({ status: 409, type: `${PROBLEM}campaign-not-open` });
  });

  it('when a request is invalid, then 400 naming each field', async () => {
    const twoThirds = { ...buildCampaign().couponTypes[0]!, probability: 0.6 };
    const invalid = await api.call('POST', '/v1/campaigns', operator, {
      ...buildCampaign({ couponTypes: [twoThirds, twoThirds] }),
      timeZone: 'Mars/Olympus',
      closesAt: '2025-01-01T00:00:00Z',
    });
    expect(invalid.status).toBe(400);
    const fields = (invalid.body.issues as { field: string }[]).map((issue) => issue.field).sort();
    expect(fields).toEqual(['closesAt', 'couponTypes', 'timeZone']);
    const phone = await api.call('POST', '/v1/customers', operator, { phone: '07911 123456' });
    expect(phone.body).toMatchObject({ status: 400, issues: [{ in: 'body', field: 'phone' }] });
    expect((await api.call('GET', '/v1/campaigns/not-a-uuid', operator)).body).toMatchObject({
      status: 400,
      issues: [{ in: 'path', field: 'id' }],
    });
  });

  it('when MariaDB cannot be reached, then 503 with Retry-After', async () => {
    const pool = createInstantWinPool('mysql://prizedraw:prizedraw@127.0.0.1:1/aramis', {
      connectTimeoutMs: 500,
    });
    const down = await startInstantWinApi(new InstantWin({ pool }));
    try {
      const answer = await down.call('POST', '/v1/customers', operator, { phone: buildPhone() });
      expect(answer).toMatchObject({ status: 503, body: { type: `${PROBLEM}database-unavailable` } });
      expect(answer.headers.get('retry-after')).toBe('2');
    } finally {
      await down.http.close();
      await pool.end();
    }
  });
});
