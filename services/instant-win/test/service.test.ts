import { decodeAndValidate, EVENT_TYPES, topicNames } from '@prizedraw/events';
import { readUntil } from '../../../test/support/kafka';
import { waitUntil } from '../../../test/support/wait-until';
import { buildCampaign, buildPhone } from './support/build-campaign';
import { setUpInstantWinService } from './support/set-up-instant-win-service';

// `prizedraw start instant-win` as a process of its own, on the real MariaDB and broker: its API in
// /openapi.json, a draw's event on {brand}.instant-win.events, its metrics.

const t = setUpInstantWinService();

async function call(path: string, as?: { role: 'operator' | 'customer'; subject: string }, body?: unknown) {
  const response = await fetch(`${t.service.url}${path}`, {
    method: body === undefined && as?.role !== 'customer' ? 'GET' : 'POST',
    headers: {
      ...(as ? { authorization: `Bearer ${t.tokens.issue({ ...as, ttlSeconds: 300 })}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('prizedraw start instant-win', () => {
  it('when the service runs, then /openapi.json describes its operations', async () => {
    const { body } = await call('/openapi.json');
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining([
        '/v1/customers',
        '/v1/campaigns',
        '/v1/campaigns/{id}',
        '/v1/campaigns/{id}/close',
        '/v1/campaigns/{id}/draws',
        '/v1/coupons/{code}/redeem',
      ]),
    );
  });

  it('when a customer draws, then the draw is answered, relayed to the events topic and counted', async () => {
    const operator = { role: 'operator', subject: 'ops' } as const;
    const campaign = await call(
      '/v1/campaigns',
      operator,
      buildCampaign({ closesAt: '2099-01-01T00:00:00Z' }),
    );
    await call('/v1/customers', operator, { phone: buildPhone(), accountId: 'dan-1' });
    const draw = await call(`/v1/campaigns/${campaign.body.campaignId}/draws`, {
      role: 'customer',
      subject: 'dan-1',
    });
    expect(draw).toMatchObject({ status: 201, body: { outcome: 'won', customerId: 'dan-1' } });

    const topic = topicNames({ brand: t.brand }).instantWinEvents;
    const [message] = await readUntil(topic, (messages) => messages.length >= 1);
    const event = await decodeAndValidate(message!);
    expect(event).toMatchObject({
      type: EVENT_TYPES.instantWinDrawn,
      source: '/prizedraw/instant-win',
      data: draw.body,
    });
    expect(message?.key?.toString()).toBe('dan-1');

    const metrics = () => fetch(`${t.service.url}/metrics`).then((response) => response.text());
    expect(await metrics()).toMatch(/^prizedraw_instant_win_draws_total\{outcome="won"\} 1$/m);
    // The relay counts an event once MariaDB has it marked sent, which is after the broker has it.
    await waitUntil('the relay to count the event', async () =>
      /^prizedraw_instant_win_outbox_relayed_total 1$/m.test(await metrics()),
    );
  });
});
