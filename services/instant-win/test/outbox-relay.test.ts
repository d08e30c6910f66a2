import { decodeAndValidate, EVENT_TYPES } from '@prizedraw/events';
import { type OutboxRelay, startOutboxRelay } from '@prizedraw/service';
import type { RowDataPacket } from 'mysql2/promise';
import pino from 'pino';
import { createTopics, kafka, readAll, uniqueName } from '../../../test/support/kafka';
import { waitUntil } from '../../../test/support/wait-until';
import { buildCampaign, buildPhone } from './support/build-campaign';
import { setUpInstantWin } from './support/set-up-instant-win';

// The outbox relay on the real MariaDB and broker: every committed draw and redemption reaches the topic
// exactly once, also when a relay stopped between its Kafka commit and marking the rows sent.

const t = setUpInstantWin('2026-05-01T10:00:00Z');
const logger = pino({ level: 'silent' });
const relays: OutboxRelay[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

async function relayTo(topic: string): Promise<OutboxRelay> {
  const relay = startOutboxRelay({
    pool: t.db.pool,
    table: 'iw_outbox',
    kafka,
    topic,
    source: '/prizedraw/instant-win',
    transactionalId: `${topic}-relay`,
    logger,
    batchSize: 7,
    idleMs: 20,
  });
  relays.push(relay);
  return relay;
}

// The tests share the database; each looks at the rows written after this id only (its own).
let since = 0;
beforeEach(async () => {
  const [rows] = await t.db.pool.query<RowDataPacket[]>('SELECT COALESCE(MAX(id), 0) AS id FROM iw_outbox');
  since = Number(rows[0]?.id);
});

async function unsentRows(): Promise<number> {
  const [rows] = await t.db.pool.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM iw_outbox WHERE sent_at IS NULL AND id > ?',
    [since],
  );
  return Number(rows[0]?.n);
}

async function outboxIds(): Promise<string[]> {
  const [rows] = await t.db.pool.query<RowDataPacket[]>('SELECT id FROM iw_outbox WHERE id > ?', [since]);
  return rows.map((row) => String(row.id));
}

/** 30 customers draw in a new campaign (10 win), and the winners redeem: 40 outbox rows. */
async function drawAndRedeem(): Promise<void> {
  const { campaignId } = await t.instantWin.createCampaign(buildCampaign());
  const customers = await Promise.all(
    Array.from(
      { length: 30 },
      async () => (await t.instantWin.registerCustomer({ phone: buildPhone() })).customerId,
    ),
  );
  const draws = await Promise.all(customers.map((customer) => t.instantWin.draw(campaignId, customer)));
  for (const draw of draws) if (draw.coupon) await t.instantWin.redeem(draw.coupon.code, draw.customerId);
}

async function expectEachRowOnceOn(topic: string): Promise<void> {
  const messages = await readAll(topic);
  const ids = messages.map((message) => message.headers?.ce_id?.toString());
  expect(ids.sort()).toEqual((await outboxIds()).sort());
  const events = await Promise.all(messages.map((message) => decodeAndValidate(message)));
  expect(new Set(events.map((event) => event.type))).toEqual(
    new Set([EVENT_TYPES.instantWinDrawn, EVENT_TYPES.couponRedeemed]),
  );
  for (const [index, event] of events.entries()) expect(messages[index]?.key?.toString()).toBe(event.subject);
}

describe('outbox relay', () => {
  it('when draws and redemptions commit, then each outbox row is published once, keyed by customer, and marked sent', async () => {
    const topic = uniqueName('iw-events');
    await createTopics([topic], 3);
    await relayTo(topic);
    await drawAndRedeem();
    await waitUntil('every outbox row sent', async () => (await unsentRows()) === 0);
    await expectEachRowOnceOn(topic);
  });

  it('when a relay stopped after its Kafka commit but before marking the rows, then the next marks them without publishing again', async () => {
    const topic = uniqueName('iw-events');
    await createTopics([topic], 3);
    const first = await relayTo(topic);
    await drawAndRedeem();
    await waitUntil('every outbox row sent', async () => (await unsentRows()) === 0);
    await first.stop();
    // The state such a crash leaves: the events are on Kafka, the rows are not marked.
    await t.db.pool.query('UPDATE iw_outbox SET sent_at = NULL WHERE id % 3 = 0 AND id > ?', [since]);
    expect(await unsentRows()).toBeGreaterThan(0);

    await relayTo(topic);
    await waitUntil('the published rows marked', async () => (await unsentRows()) === 0);
    await expectEachRowOnceOn(topic);
  });

  it('when a row was sent longer ago than the retention, then the relay deletes it and keeps the others', async () => {
    const topic = uniqueName('iw-events');
    await createTopics([topic], 3);
    await drawAndRedeem();
    const [old] = await outboxIds();
    await t.db.pool.query('UPDATE iw_outbox SET sent_at = ? WHERE id = ?', [
      new Date('2026-01-01T00:00:00Z'),
      old,
    ]);
    await relayTo(topic);
    await waitUntil('every outbox row sent', async () => (await unsentRows()) === 0);
    await waitUntil('the old row deleted', async () => !(await outboxIds()).includes(old!));
    expect(await outboxIds()).toHaveLength(39);
  });

  it('when two relays run at once, then one publishes and every row is still published once', async () => {
    const topic = uniqueName('iw-events');
    await createTopics([topic], 3);
    await Promise.all([relayTo(topic), relayTo(topic)]);
    await drawAndRedeem();
    await waitUntil('every outbox row sent', async () => (await unsentRows()) === 0);
    await expectEachRowOnceOn(topic);
  });
});
