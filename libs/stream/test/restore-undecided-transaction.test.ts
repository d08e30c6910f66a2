import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import pino from 'pino';
import { createTopics, kafka, uniqueName } from '../../../test/support/kafka';
import { changelogAdmin, restoreChangelog } from '../src/runtime/restore-changelog';
import { LevelKeyValueStore } from '../src/state/level-key-value-store';

// After a broker restart the commit markers of a transaction that committed can take seconds to be written;
// until then the partition's last stable offset stays before the transaction's records, while the store
// that wrote them is checkpointed after them. A CI run's prize-draw took that for a re-created changelog,
// wiped its store, rebuilt it without its last commits and sent 49 results again. An open transaction that
// began before the checkpoint holds the last stable offset back the same way.

const value = (text: string) => Buffer.from(JSON.stringify(text));

describe('restoring a store whose checkpoint is past the last stable offset', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('when an undecided transaction holds the last stable offset back, then the store and its checkpoint are kept', async () => {
    const topic = uniqueName('restore-undecided-changelog');
    await createTopics([topic], 1);
    const producer = (id: string) =>
      kafka.producer({ transactionalId: uniqueName(id), idempotent: true, maxInFlightRequests: 1 });
    // Offset 0: a transaction that stays open while the store restores.
    const holder = producer('holder');
    await holder.connect();
    cleanup.push(() => holder.disconnect());
    const open = await holder.transaction();
    cleanup.push(() => open.abort());
    await open.send({ topic, messages: [{ key: 'held', value: value('held') }] });
    // Offsets 1–3 and the commit marker at 4: what the store applied, checkpointed at 5.
    const writer = producer('writer');
    await writer.connect();
    cleanup.push(() => writer.disconnect());
    const committed = await writer.transaction();
    await committed.send({
      topic,
      messages: ['a', 'b', 'c'].map((key) => ({ key, value: value(`${key}-1`) })),
    });
    await committed.commit();

    const dir = await mkdtemp(join(tmpdir(), 'restore-undecided-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const db = new Level<string, string>(dir);
    await db.open();
    cleanup.push(() => db.close());
    const store = new LevelKeyValueStore<string>('counts', db);
    await store.restore(
      ['a', 'b', 'c'].map((key) => ({ key, value: JSON.stringify(`${key}-1`) })),
      '5',
    );
    const admin = changelogAdmin(kafka);
    await admin.connect();
    cleanup.push(() => admin.disconnect());

    const restored = await restoreChangelog({
      kafka,
      admin,
      applicationId: uniqueName('restore-undecided-app'),
      topic,
      partition: 0,
      store,
      logger: pino({ level: 'silent' }),
      heartbeat: async () => {},
      onProgress: () => {},
    });

    expect(restored).toBe(0);
    expect(await store.checkpoint()).toBe('5');
    expect(await Promise.all(['a', 'b', 'c'].map((key) => store.get(key)))).toEqual(['a-1', 'b-1', 'c-1']);
  }, 60_000);
});
