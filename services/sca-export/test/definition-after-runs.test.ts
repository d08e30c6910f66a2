import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { EVENT_TYPES } from '@prizedraw/events';
import { parseConfig, type RunningServices, runServices, topicsOf } from '@prizedraw/service';
import type { TestDatabase } from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { committedTotal, createTopics, produce, uniqueName, withAdmin } from '../../../test/support/kafka';
import { type ScaExportConfig, scaExportConfigSchema, scaExportService } from '../src';
import { exporterEnv } from './support/exporter-env';
import {
  partitionRunChunks,
  produceRunChunks,
  runEndMessage,
  scaDrawDefinition,
  walletMessage,
} from './support/runs';
import { downloadRemote } from './support/servers';
import { until } from './support/until';

const PARTITIONS = 2;
const ENTRIES = 3_000;

// The exporter reads draw definitions from their topic apart from the runs, so a draw's first run records
// can reach it before its definition does. The SCA file must still hold every entry: a run of 3,000 entries
// whose first half passed before the definition, and one whose runs all ended before it.
describe('sca-export when run records come before the draw definition (real servers)', () => {
  const brand = uniqueName('sca-late-def');
  let db: TestDatabase;
  let work: string;
  let config: ScaExportConfig;
  let running: RunningServices | undefined;

  beforeAll(async () => {
    db = await freshDatabase();
    work = await mkdtemp(join(tmpdir(), 'sca-late-def-'));
    config = parseConfig(scaExportConfigSchema, {
      ...process.env,
      ...exporterEnv(brand, PARTITIONS, db.url, work),
      HTTP_PORT: '0',
    });
    await createTopics(Object.values(topicsOf(config)), PARTITIONS);
    running = await runServices([scaExportService(config)], config);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await db?.drop();
    await rm(work, { recursive: true, force: true });
  }, 60_000);

  const topics = () => topicsOf(config);
  const drawIdOf = (utm: string) => `${utm}-2026-03-01-to-2026-03-07`;
  const defineDraw = (drawId: string, utm: string) =>
    produce(topics().definitions, [
      walletMessage(EVENT_TYPES.drawDefined, scaDrawDefinition(drawId, utm), drawId, drawId),
    ]);
  const chunks = (drawId: string, utm: string, from: number, to: number) =>
    [0, 1].flatMap((partition) =>
      partitionRunChunks(drawId, utm, { from, to, partition, partitions: PARTITIONS, chunkEntries: 100 }),
    );

  /** Waits until the exporter's stream task has committed past `records` records of the runs topic. */
  const runsConsumed = (records: number) =>
    until(
      async () => (await committedTotal(`prizedraw-${brand}-sca-export`, topics().runs)) >= records,
      `the exporter to consume ${records} run records`,
    );

  /** The draw's finished submission and its file, checked whole: every entrant once, the hash its own. */
  async function expectExportedWhole(drawId: string): Promise<void> {
    const submissions = new SubmissionRepository(db.pool);
    await until(async () => Boolean((await submissions.find(drawId))?.finishedAt), `draw ${drawId}'s export`);
    const txt = await downloadRemote(config.FTP_REMOTE_DIR!, `${drawId}.txt`);
    const hsh = (await downloadRemote(config.FTP_REMOTE_DIR!, `${drawId}.hsh`)).toString('ascii');
    expect(hsh).toBe(createHash('sha256').update(txt).digest('hex'));
    expect(await submissions.find(drawId)).toMatchObject({ rows: ENTRIES, sha256: hsh });
    const ids = txt
      .toString('utf8')
      .split('\r\n')
      .slice(1, -1)
      .map((row) => row.split(',')[0]);
    expect(ids.sort()).toEqual(Array.from({ length: ENTRIES }, (_, n) => `entry-${n}`).sort());
  }

  it('when half of the runs pass before the definition arrives, then the file still holds every entry', async () => {
    const utm = `half-${brand}`;
    const drawId = drawIdOf(utm);
    const early = chunks(drawId, utm, 0, ENTRIES / 2);
    await produceRunChunks(topics().runs, early);
    await runsConsumed(early.length);
    await defineDraw(drawId, utm);
    await produceRunChunks(topics().runs, chunks(drawId, utm, ENTRIES / 2, ENTRIES));
    await produce(
      topics().runs,
      [0, 1].map((p) => runEndMessage(drawId, p, PARTITIONS, ENTRIES)),
    );

    await expectExportedWhole(drawId);
  }, 120_000);

  it('when every run has ended before the definition arrives, then the draw is exported once it does, whole', async () => {
    const utm = `ended-${brand}`;
    const drawId = drawIdOf(utm);
    const records = [
      ...chunks(drawId, utm, 0, ENTRIES),
      ...[0, 1].map((p) => runEndMessage(drawId, p, PARTITIONS, ENTRIES)),
    ];
    const before = await withAdmin(async (admin) => {
      const offsets = await admin.fetchTopicOffsets(topics().runs);
      return offsets.reduce((sum, p) => sum + Number(p.high), 0);
    });
    await produceRunChunks(topics().runs, records);
    await runsConsumed(before + records.length);
    await defineDraw(drawId, utm);

    await expectExportedWhole(drawId);
  }, 120_000);
});
