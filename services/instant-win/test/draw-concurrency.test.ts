import type { RowDataPacket } from 'mysql2/promise';
import { InstantWinError } from '../src/domain/instant-win-error';
import { buildCampaign, buildPhone } from './support/build-campaign';
import { setUpInstantWin } from './support/set-up-instant-win';

// Draws racing on the real MariaDB: quotas and the daily limit hold however many requests arrive at once.

const t = setUpInstantWin();

async function count(sql: string, params: unknown[]): Promise<number> {
  const [rows] = await t.db.pool.query<RowDataPacket[]>(sql, params);
  return Number(rows[0]?.n);
}

async function registerCustomers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, () =>
        t.instantWin.registerCustomer({ phone: buildPhone() }),
      ),
    );
    ids.push(...batch.map((customer) => customer.customerId));
  }
  return ids;
}

describe('draws at the same time', () => {
  it('when 500 customers draw at once against a coupon type with quota 10, then exactly 10 coupons are issued', async () => {
    const { campaignId } = await t.instantWin.createCampaign(buildCampaign());
    const customers = await registerCustomers(500);

    const draws = await Promise.all(customers.map((customer) => t.instantWin.draw(campaignId, customer)));

    expect(draws.filter((draw) => draw.outcome === 'won')).toHaveLength(10);
    expect(await count('SELECT COUNT(*) AS n FROM iw_coupons WHERE campaign_id = ?', [campaignId])).toBe(10);
    expect(await count('SELECT COUNT(*) AS n FROM iw_draws WHERE campaign_id = ?', [campaignId])).toBe(500);
    const view = await t.instantWin.campaign(campaignId);
    expect(view.couponTypes[0]).toMatchObject({ remaining: 0, dailyRemaining: 0 });
    // One outbox event per committed draw, each naming its draw.
    const [events] = await t.db.pool.query<RowDataPacket[]>(
      "SELECT data FROM iw_outbox WHERE event_type = 'prizedraw.instant-win-drawn.v1'",
    );
    const drawIds = events
      .map((row) => JSON.parse(String(row.data)).drawId)
      .filter((id) => draws.some((d) => d.drawId === id));
    expect(new Set(drawIds).size).toBe(500);
  });

  it('when one customer sends 50 draws at once, then one draw is recorded and the others get 409 with it', async () => {
    const { campaignId } = await t.instantWin.createCampaign(
      buildCampaign({ couponTypes: [{ ...buildCampaign().couponTypes[0]!, probability: 0.5 }] }),
    );
    const [customer] = await registerCustomers(1);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => t.instantWin.draw(campaignId, customer!)),
    );

    const drawn = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(drawn).toHaveLength(1);
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    for (const error of refused) {
      expect(error).toBeInstanceOf(InstantWinError);
      expect(error).toMatchObject({ problem: 'already-drawn-today', status: 409, earlierDraw: drawn[0] });
    }
    expect(await count('SELECT COUNT(*) AS n FROM iw_draws WHERE campaign_id = ?', [campaignId])).toBe(1);
    expect(
      await count('SELECT COUNT(*) AS n FROM iw_outbox WHERE JSON_VALUE(data, "$.campaignId") = ?', [
        campaignId,
      ]),
    ).toBe(1);
  });

  it('when refused draws arrive among good ones at once, then only they are refused and every other draw is recorded', async () => {
    const { campaignId } = await t.instantWin.createCampaign(buildCampaign());
    const customers = await registerCustomers(40);
    const strangers = Array.from({ length: 10 }, (_, i) => `not-registered-${i}`);
    // Concurrent draws share transactions (DrawRepository batches them): a refusal must stay its own.
    const requests = [...customers, ...strangers, customers[0]!].sort(() => Math.random() - 0.5);

    const results = await Promise.allSettled(
      requests.map((customer) => t.instantWin.draw(campaignId, customer)),
    );

    const refusals = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refusals.map((error) => error.problem).sort()).toEqual([
      'already-drawn-today',
      ...Array(10).fill('customer-not-found'),
    ]);
    expect(await count('SELECT COUNT(*) AS n FROM iw_draws WHERE campaign_id = ?', [campaignId])).toBe(40);
    expect(
      await count('SELECT COUNT(*) AS n FROM iw_outbox WHERE JSON_VALUE(data, "$.campaignId") = ?', [
        campaignId,
      ]),
    ).toBe(40);
  });
});
