import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { EVENT_TYPES } from '@prizedraw/events';
import { parseConfig, type RunningServices, runServices, topicsOf } from '@prizedraw/service';
import type { TestDatabase } from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { createTopics, produce, uniqueName } from '../../../test/support/kafka';
import { scaExportConfigSchema, scaExportService } from '../src';
import { exporterEnv } from './support/exporter-env';
import { PrivateFtpServer } from './support/private-ftp-server';
import {
  produceRunChunks,
  runChunkMessages,
  runEndMessage,
  scaDrawDefinition,
  walletMessage,
} from './support/runs';
import { downloadRemote, ftpRootDir } from './support/servers';
import { until } from './support/until';

const PARTITIONS = 2;
const ENTRIES = 20_000;

// The exporter as a service, with the FTP server down when a draw becomes ready: the export fails, the
// worker retries it (the record is not committed), and once the server is back the pair is delivered
// whole, archived and recorded; SCA's folder never shows a .hsh without its complete .txt.
describe('sca-export service when the FTP server is down (real servers)', () => {
  const brand = uniqueName('sca-fault');
  const utm = `fault-${brand}`;
  const drawId = `${utm}-2026-03-01-to-2026-03-07`;
  let db: TestDatabase;
  let work: string;
  let running: RunningServices | undefined;

  beforeAll(async () => {
    db = await freshDatabase();
    work = await mkdtemp(join(tmpdir(), 'sca-fault-'));
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await db?.drop();
    await rm(work, { recursive: true, force: true });
  }, 60_000);

  it('when the server is stopped before the export and started again, then the export completes and no .hsh is ever alone', async () => {
    // A server of this test's own, crashed and restarted; the other test files keep the shared one.
    const ftp = await PrivateFtpServer.start();
    try {
      const config = parseConfig(scaExportConfigSchema, {
        ...process.env,
        ...exporterEnv(brand, PARTITIONS, db.url, work),
        FTP_PORT: String(ftp.port),
        HTTP_PORT: '0',
        FTP_ATTEMPTS: '2',
      });
      const topics = topicsOf(config);
      await createTopics(Object.values(topics), PARTITIONS);
      const definition = walletMessage(
        EVENT_TYPES.drawDefined,
        scaDrawDefinition(drawId, utm),
        drawId,
        drawId,
      );
      await produce(topics.definitions, [definition]);
      await produceRunChunks(topics.runs, runChunkMessages(drawId, utm, ENTRIES, PARTITIONS, 100));
      await produce(topics.runs, [runEndMessage(drawId, 0, PARTITIONS, ENTRIES)]);
      running = await runServices([scaExportService(config)], config);

      const serverDir = join(ftpRootDir(), config.FTP_REMOTE_DIR!);
      const violations: string[] = [];
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          const names = await readdir(serverDir).catch(() => [] as string[]);
          if (names.includes(`${drawId}.hsh`)) {
            const txt = names.includes(`${drawId}.txt`)
              ? statSync(join(serverDir, `${drawId}.txt`)).size
              : -1;
            const submission = await new SubmissionRepository(db.pool).find(drawId);
            if (submission === undefined || txt !== submission.txtBytes)
              violations.push(`.hsh present with .txt at ${txt} bytes`);
          }
          await sleep(5);
        }
      })();

      let firstAttempt: Awaited<ReturnType<SubmissionRepository['find']>>;
      ftp.crash();
      try {
        await produce(topics.runs, [runEndMessage(drawId, 1, PARTITIONS, ENTRIES)]);
        const submissions = new SubmissionRepository(db.pool);
        // The export starts and fails on the stopped server: the submission is recorded as started only.
        await until(async () => (await submissions.find(drawId)) !== undefined, 'the export to start');
        firstAttempt = await submissions.find(drawId);
        await sleep(3_000);
        expect((await submissions.find(drawId))?.finishedAt).toBeNull();
      } finally {
        await ftp.startAgain();
      }

      const submissions = new SubmissionRepository(db.pool);
      await until(async () => Boolean((await submissions.find(drawId))?.finishedAt), 'the export', 180_000);
      watching = false;
      await watcher;
      expect(violations).toEqual([]);
      const submission = (await submissions.find(drawId))!;
      const txt = await downloadRemote(config.FTP_REMOTE_DIR!, `${drawId}.txt`);
      const hsh = (await downloadRemote(config.FTP_REMOTE_DIR!, `${drawId}.hsh`)).toString('ascii');
      expect(hsh).toBe(createHash('sha256').update(txt).digest('hex'));
      expect(submission).toMatchObject({ sha256: hsh, rows: ENTRIES, txtBytes: txt.length });
      // The file spooled while the runs streamed in is kept while the delivery is retried: the pair delivered
      // is the one the first attempt recorded.
      expect(firstAttempt?.sha256).toBe(hsh);
      expect((await readdir(serverDir)).sort()).toEqual([`${drawId}.hsh`, `${drawId}.txt`]);
    } finally {
      await ftp.close();
    }
  }, 300_000);
});
