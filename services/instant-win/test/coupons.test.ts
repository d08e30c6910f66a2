import { buildCampaign, buildPhone } from './support/build-campaign';
import { setUpInstantWin } from './support/set-up-instant-win';

// Redemption, closing and the refusals of the use cases, on the real MariaDB with an injected clock.

const t = setUpInstantWin();

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { status: number; problem: string }) => `${error.status} ${error.problem}`,
  );

async function winner(): Promise<{ campaignId: string; customerId: string; code: string }> {
  t.now = new Date('2026-05-01T10:00:00Z');
  const { campaignId } = await t.instantWin.createCampaign(buildCampaign());
  const { customerId } = await t.instantWin.registerCustomer({ phone: buildPhone() });
  const draw = await t.instantWin.draw(campaignId, customerId);
  return { campaignId, customerId, code: draw.coupon!.code };
}

describe('coupons', () => {
  it('when a coupon is redeemed twice, then the first succeeds and the second is 409', async () => {
    const { customerId, code } = await winner();
    await expect(t.instantWin.redeem(code, customerId)).resolves.toMatchObject({ code, faceValueMinor: 500 });
    expect(await problemOf(t.instantWin.redeem(code, customerId))).toBe('409 coupon-already-redeemed');
  });

  it('when a coupon is redeemed after its days, then it is 410; just before, it redeems', async () => {
    const first = await winner();
    const second = await winner();
    t.now = new Date('2026-05-31T10:00:00Z'); // 30 days after the draw
    expect(await problemOf(t.instantWin.redeem(first.code, first.customerId))).toBe('410 coupon-expired');
    t.now = new Date('2026-05-31T09:59:59.999Z');
    expect(await problemOf(t.instantWin.redeem(second.code, second.customerId))).toBe('resolved');
  });

  it("when the code is unknown or another customer's, then it is 404 both ways", async () => {
    const { code } = await winner();
    const { customerId: other } = await t.instantWin.registerCustomer({ phone: buildPhone() });
    expect(await problemOf(t.instantWin.redeem(code, other))).toBe('404 coupon-not-found');
    expect(await problemOf(t.instantWin.redeem('A'.repeat(26), other))).toBe('404 coupon-not-found');
  });
});

describe('campaigns and customers', () => {
  it('when a campaign is closed early, then draws are refused with 409 and it shows closed', async () => {
    const { campaignId, customerId } = await winner();
    const { customerId: late } = await t.instantWin.registerCustomer({ phone: buildPhone() });
    await expect(t.instantWin.closeCampaign(campaignId)).resolves.toMatchObject({ status: 'closed' });
    expect(await problemOf(t.instantWin.draw(campaignId, late))).toBe('409 campaign-not-open');
    t.now = new Date('2026-05-02T10:00:00Z');
    expect(await problemOf(t.instantWin.draw(campaignId, customerId))).toBe('409 campaign-not-open');
  });

  it('when a campaign has not opened yet, then draws are refused with 409', async () => {
    t.now = new Date('2025-12-31T23:59:59Z');
    const { campaignId } = await t.instantWin.createCampaign(buildCampaign());
    const { customerId } = await t.instantWin.registerCustomer({ phone: buildPhone() });
    expect(await problemOf(t.instantWin.draw(campaignId, customerId))).toBe('409 campaign-not-open');
  });

  it('when the customer or the campaign is unknown, then it is 404', async () => {
    t.now = new Date('2026-05-01T10:00:00Z');
    const { campaignId } = await t.instantWin.createCampaign(buildCampaign());
    expect(await problemOf(t.instantWin.draw(campaignId, 'nobody'))).toBe('404 customer-not-found');
    expect(await problemOf(t.instantWin.draw('4f1c2a7e-93b4-4c1d-8a55-0d2f4b9e7c31', 'nobody'))).toBe(
      '404 campaign-not-found',
    );
  });

  it('when an accountId is registered twice, then the second is 409 and the phone is stored in E.164', async () => {
    t.now = new Date('2026-05-01T10:00:00Z');
    await expect(
      t.instantWin.registerCustomer({ phone: '+44 (0)7911 123-456', accountId: 'acc-77' }),
    ).resolves.toEqual({
      customerId: 'acc-77',
      phone: '+447911123456',
    });
    expect(await problemOf(t.instantWin.registerCustomer({ phone: buildPhone(), accountId: 'acc-77' }))).toBe(
      '409 customer-exists',
    );
  });

  it('when the phone is not a valid number, then it is refused with 400 and nothing is stored', async () => {
    expect(
      await problemOf(t.instantWin.registerCustomer({ phone: '+44 7700 900123', accountId: 'acc-78' })),
    ).toBe('400 invalid-phone');
    expect(await problemOf(t.instantWin.registerCustomer({ phone: buildPhone(), accountId: 'acc-78' }))).toBe(
      'resolved',
    );
  });
});
