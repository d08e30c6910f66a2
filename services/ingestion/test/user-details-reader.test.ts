import { UserDetailsRepository, WatermarkRepository } from '@prizedraw/compliance-db';
import { decodeEvent, EVENT_TYPES } from '@prizedraw/events';
import { createEventProducer, type EventProducer } from '@prizedraw/service';
import pino from 'pino';
import { buildUserDetails, type TestDatabase } from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { brokers, createTopics, readUntil, uniqueName } from '../../../test/support/kafka';
import { startUserDetailsReader } from '../src/adapters/user-details-reader';

describe('user_details reader (real MariaDB and Kafka)', () => {
  let db: TestDatabase;
  let producer: EventProducer;
  const topic = uniqueName('entries');
  const reader = uniqueName('reader');

  beforeAll(async () => {
    db = await freshDatabase();
    await createTopics([topic], 2);
    producer = await createEventProducer({ brokers: brokers(), clientId: 'test', source: '/test' });
  }, 60_000);
  afterAll(async () => {
    await producer?.close();
    await db?.drop();
  }, 60_000);

  const start = () =>
    startUserDetailsReader({
      pool: db.pool,
      producer,
      topic,
      reader,
      intervalMs: 50,
      batchSize: 2,
      logger: pino({ level: 'silent' }),
    });
  const watermarkReaches = async (id: number) => {
    const watermarks = new WatermarkRepository(db.pool);
    while ((await watermarks.get(reader)) < id) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('when the reader is restarted between rows, then every row enters Kafka once, as an entry at its created_at', async () => {
    const entries = new UserDetailsRepository(db.pool);
    const insert = async (n: number) =>
      (
        await entries.insertEntry(
          buildUserDetails({ entryId: `e-${n}`, createdAt: `2026-03-0${n}T12:00:00.000Z`, phone: null }),
        )
      ).userDetailsId;
    for (const n of [1, 2, 3]) await insert(n);
    const first = start();
    await watermarkReaches(3);
    await first.stop();
    let last = 0;
    for (const n of [4, 5]) last = await insert(n);
    const second = start();
    await watermarkReaches(last);
    await second.stop();

    const messages = await readUntil(topic, (read) => read.length >= 5);
    const events = messages.map((message) => decodeEvent(message));
    expect(events.map((e) => e.type)).toEqual(Array(5).fill(EVENT_TYPES.entry));
    const byId = new Map(events.map((e) => [(e.data as { entryId: string }).entryId, e]));
    expect([...byId.keys()].sort()).toEqual(['e-1', 'e-2', 'e-3', 'e-4', 'e-5']);
    expect(byId.get('e-4')!.time).toBe('2026-03-04T12:00:00.000Z');
    expect(byId.get('e-4')!.data).not.toHaveProperty('phone');
    expect(messages).toHaveLength(5);
  }, 60_000);
});
