import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import { type OutboxRelay, startOutboxRelay } from '@prizedraw/service';
import type { RowDataPacket } from 'mysql2/promise';
import pino from 'pino';
import { createTopics, kafka, readAll, uniqueName } from '../../../test/support/kafka';
import { type PrivateMariaDb, startPrivateMariaDb } from '../../../test/support/private-mariadb';
import { waitUntil } from '../../../test/support/wait-until';
import { createInstantWinPool, migrateInstantWin } from '../src/adapters/instant-win-pool';
import { InstantWin } from '../src/instant-win';
import { buildCampaign, buildPhone } from './support/build-campaign';
import { type InstantWinApi, startInstantWinApi } from './support/instant-win-api';

// MariaDB restarted in the middle of a load of draws (a private server: the shared one is never touched).
// Requests during the outage answer 503 with Retry-After; nothing is half-applied; afterwards every committed
// draw has exactly one event on Kafka.

const CUSTOMERS = 400;
const CONCURRENCY = 16;

let mariadb: PrivateMariaDb;
let pool: ComplianceDbPool;
let api: InstantWinApi;
let relay: OutboxRelay;

beforeAll(async () => {
  mariadb = await startPrivateMariaDb();
  pool = createInstantWinPool(mariadb.url, { connectTimeoutMs: 500 });
  await migrateInstantWin(pool);
  api = await startInstantWinApi(new InstantWin({ pool }));
});
afterAll(async () => {
  await relay?.stop();
  await api?.http.close();
  await pool?.end();
  await mariadb?.close();
});

async function rows(sql: string, params: unknown[] = []): Promise<RowDataPacket[]> {
  const [result] = await pool.query<RowDataPacket[]>(sql, params);
  return result;
}

describe('MariaDB restarted during draws', () => {
  it('when MariaDB crashes and comes back mid-load, then 503 + Retry-After meanwhile, nothing half-applied, one event per draw', async () => {
    const topic = uniqueName('iw-outage');
    await createTopics([topic], 3);
    relay = startOutboxRelay({
      pool,
      table: 'iw_outbox',
      kafka,
      topic,
      source: '/prizedraw/instant-win',
      transactionalId: `${topic}-relay`,
      logger: pino({ level: 'silent' }),
      retryMaxDelayMs: 1_000,
    });
    const operator = { role: 'operator', subject: 'ops' } as const;
    const types = [{ ...buildCampaign().couponTypes[0]!, probability: 0.3, totalQuota: 50, dailyQuota: 50 }];
    const campaign = await api.call(
      'POST',
      '/v1/campaigns',
      operator,
      buildCampaign({
        opensAt: '2020-01-01T00:00:00Z',
        closesAt: '2099-01-01T00:00:00Z',
        couponTypes: types,
      }),
    );
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `c-${i}`);
    for (const customer of customers)
      await api.call('POST', '/v1/customers', operator, { phone: buildPhone(), accountId: customer });

    const statuses = new Map<number, number>();
    const retryAfter = new Set<string | null>();
    const answered = new Map<string, number>(); // customer → final status
    let sent = 0;
    let crashed: Promise<void> | undefined;
    const drawAll = async (queue: string[]) => {
      for (let customer = queue.shift(); customer !== undefined; customer = queue.shift()) {
        const answer = await api.call('POST', `/v1/campaigns/${campaign.body.campaignId}/draws`, {
          role: 'customer',
          subject: customer,
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 503) retryAfter.add(answer.headers.get('retry-after'));
        answered.set(customer, answer.status);
        sent += 1;
        if (sent === CUSTOMERS / 4)
          crashed = (async () => {
            await mariadb.crash();
            await waitUntil('requests answered while MariaDB is down', () => (statuses.get(503) ?? 0) >= 20);
            await mariadb.startAgain();
          })();
      }
    };
    const queue = [...customers];
    await Promise.all(Array.from({ length: CONCURRENCY }, () => drawAll(queue)));
    await crashed;

    expect(statuses.get(503)).toBeGreaterThan(0);
    expect([...retryAfter]).toEqual(['2']);
    expect([...statuses.keys()].filter((status) => status >= 500 && status !== 503)).toEqual([]);

    // Those answered 503 try again once MariaDB is back: 201, or 409 when their commit got through but its
    // answer was lost.
    const refused = customers.filter((customer) => answered.get(customer) === 503);
    await waitUntil(
      'MariaDB serving again',
      async () => (await rows('SELECT 1 AS one').catch(() => [])).length === 1,
      { timeoutMs: 30_000 },
    );
    await drawAll(refused);
    expect([...answered.values()].filter((status) => status !== 201 && status !== 409)).toEqual([]);

    // Nothing half-applied: one draw per customer, each with its one outbox event, and the quota taken once per coupon.
    const draws = await rows(
      'SELECT d.id, c.code FROM iw_draws d LEFT JOIN iw_coupons c ON c.draw_id = d.id',
    );
    expect(draws).toHaveLength(CUSTOMERS);
    const [quota] = await rows('SELECT total_quota - remaining AS taken FROM iw_coupon_types');
    expect(Number(quota?.taken)).toBe(draws.filter((draw) => draw.code !== null).length);
    const outbox = await rows('SELECT id, JSON_VALUE(data, "$.drawId") AS draw_id FROM iw_outbox');
    expect(outbox.map((row) => row.draw_id).sort()).toEqual(draws.map((draw) => draw.id).sort());

    await waitUntil(
      'the outbox relayed',
      async () => (await rows('SELECT id FROM iw_outbox WHERE sent_at IS NULL')).length === 0,
      { timeoutMs: 60_000 },
    );
    const events = await readAll(topic);
    expect(events.map((event) => event.headers?.ce_id?.toString()).sort()).toEqual(
      outbox.map((row) => String(row.id)).sort(),
    );
  });
});
