import { buildCampaign, buildPhone } from './support/build-campaign';
import { setUpInstantWin } from './support/set-up-instant-win';

// The daily limit and the daily quotas restart at the campaign's local midnight, on the real MariaDB with an
// injected clock. Europe/London springs forward on 2026-03-29 at 01:00 UTC: that local day lasts 23 hours.

const t = setUpInstantWin();

const at = (iso: string) => {
  t.now = new Date(iso);
};

describe('the campaign-local day', () => {
  it('when local midnight passes, including on a DST-change day, then the daily limit and the daily quota restart', async () => {
    at('2026-03-01T00:00:00Z');
    const types = [{ ...buildCampaign().couponTypes[0]!, totalQuota: 100, dailyQuota: 2 }];
    const { campaignId } = await t.instantWin.createCampaign(buildCampaign({ couponTypes: types }));
    const [ann, bob, cat] = await Promise.all(
      [1, 2, 3].map(async () => (await t.instantWin.registerCustomer({ phone: buildPhone() })).customerId),
    );
    const draw = async (customer: string) => {
      try {
        const result = await t.instantWin.draw(campaignId, customer);
        return `${result.localDate} ${result.outcome}`;
      } catch (error) {
        return `${(error as { status: number }).status}`;
      }
    };

    at('2026-03-28T23:59:59.999Z'); // 23:59:59.999 GMT on the 28th
    expect([await draw(ann!), await draw(bob!), await draw(cat!), await draw(ann!)]).toEqual([
      '2026-03-28 won',
      '2026-03-28 won',
      '2026-03-28 no-coupon', // daily quota 2 spent
      '409',
    ]);
    expect((await t.instantWin.campaign(campaignId)).couponTypes[0]).toMatchObject({
      remaining: 98,
      dailyRemaining: 0,
    });

    at('2026-03-29T00:00:00Z'); // local midnight: the 29th, the day of 23 hours
    expect((await t.instantWin.campaign(campaignId)).couponTypes[0]).toMatchObject({
      remaining: 98,
      dailyRemaining: 2,
    });
    expect([await draw(cat!), await draw(ann!), await draw(bob!)]).toEqual([
      '2026-03-29 won',
      '2026-03-29 won',
      '2026-03-29 no-coupon',
    ]);

    at('2026-03-29T22:59:59.999Z'); // 23:59:59.999 BST: still the 29th
    expect(await draw(cat!)).toBe('409');

    at('2026-03-29T23:00:00Z'); // 00:00 BST on the 30th, 23 hours after the 29th began
    expect([await draw(cat!), await draw(bob!), await draw(ann!)]).toEqual([
      '2026-03-30 won',
      '2026-03-30 won',
      '2026-03-30 no-coupon',
    ]);
    expect((await t.instantWin.campaign(campaignId)).couponTypes[0]).toMatchObject({
      remaining: 94,
      dailyRemaining: 0,
    });
  });
});
