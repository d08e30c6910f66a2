import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { EVENT_TYPES } from '@prizedraw/events';
import { baseConfigSchema, ensurePipelineTopics, parseConfig, topicsOf } from '@prizedraw/service';
import type { TestDatabase } from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { produce, uniqueName } from '../../../test/support/kafka';
import { PrivateKafkaBroker } from '../../../test/support/private-kafka-broker';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import { exporterEnv } from './support/exporter-env';
import {
  produceRunChunks,
  runChunkMessages,
  runEndMessage,
  scaDrawDefinition,
  walletMessage,
} from './support/runs';
import { downloadRemote, listRemote } from './support/servers';

const PARTITIONS = 2;
const DRAWS = 4;
const ENTRIES = 3_000;

// The sca-export service as a process of its own (the built CLI) on a broker of this test's own, restarted
// at different moments of the exports: while the topology turns complete runs into export-ready records,
// while the worker exports a draw (its offset commit then fails), and during a long outage with the worker
// idle. MariaDB, FTP and S3 are the shared servers, with this test's own database, folder and prefix.
describe('sca-export while the broker restarts', () => {
  let broker: PrivateKafkaBroker | undefined;
  let service: ServiceProcess | undefined;
  let db: TestDatabase | undefined;
  let work: string | undefined;
  afterEach(async () => {
    await service?.stop();
    await broker?.close();
    await db?.drop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 60_000);

  it('when the broker restarts as draws become ready, during an export and while the worker idles, then the process stays up and each draw is exported once, whole', async () => {
    broker = await PrivateKafkaBroker.start();
    db = await freshDatabase();
    work = await mkdtemp(join(tmpdir(), 'sca-broker-'));
    const brand = uniqueName('sca-broker');
    const env = {
      ...exporterEnv(brand, PARTITIONS, db.url, work),
      KAFKA_BROKERS: broker.brokers.join(','),
      EXPORT_RETRY_MAX_MS: '2000',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'error',
    };
    const config = parseConfig(baseConfigSchema, env);
    const topics = topicsOf(config);
    const client = broker.client();
    const admin = client.admin();
    await admin.connect();
    await ensurePipelineTopics(admin, config).finally(() => admin.disconnect());

    const draws = Array.from({ length: DRAWS }, (_, d) => {
      const utm = `${brand}-${d}`;
      return { drawId: `${utm}-2026-03-01-to-2026-03-07`, utm };
    });
    await produce(
      topics.definitions,
      draws.map(({ drawId, utm }) =>
        walletMessage(EVENT_TYPES.drawDefined, scaDrawDefinition(drawId, utm), drawId, drawId),
      ),
      client,
    );
    for (const { drawId, utm } of draws) {
      await produceRunChunks(topics.runs, runChunkMessages(drawId, utm, ENTRIES, PARTITIONS, 100), client);
      await produce(topics.runs, [runEndMessage(drawId, 0, PARTITIONS, ENTRIES)], client);
    }
    service = await startServiceProcess(['sca-export'], env, { built: true, readyTimeoutMs: 90_000 });
    const exited = service.exited.then((code) => {
      throw new Error(`the sca-export process exited (code ${code})`);
    });
    const whileRunning = <T>(work: Promise<T>) => Promise.race([work, exited]);
    const submissions = new SubmissionRepository(db.pool);
    const complete = (d: number) =>
      produce(topics.runs, [runEndMessage(draws[d]!.drawId, 1, PARTITIONS, ENTRIES)], client);
    const finished = async (d: number) => Boolean((await submissions.find(draws[d]!.drawId))?.finishedAt);

    // The topology is turning the last run-end into an export-ready record when the broker dies.
    await complete(0);
    await broker.restart();
    await whileRunning(waitUntil('draw 0 exported', () => finished(0), { timeoutMs: 90_000 }));

    // The worker is exporting draw 1 (the submission is recorded as started): its commit meets the restart.
    await complete(1);
    await whileRunning(
      waitUntil(
        'the export of draw 1 to start',
        async () => (await submissions.find(draws[1]!.drawId)) !== undefined,
        {
          timeoutMs: 90_000,
          everyMs: 20,
        },
      ),
    );
    await broker.restart();
    await whileRunning(waitUntil('draw 1 exported', () => finished(1), { timeoutMs: 90_000 }));

    // A long outage with the worker waiting for records: its consumer runs out of retries and crashes.
    await broker.stop('SIGTERM');
    await whileRunning(
      waitUntil(
        'the process to report itself not ready',
        async () => (await fetch(`${service!.url}/health/ready`)).status === 503,
        { timeoutMs: 60_000, everyMs: 500 },
      ),
    );
    await broker.startAgain();
    await complete(2);
    await complete(3);
    await whileRunning(
      waitUntil('draws 2 and 3 exported', async () => (await finished(2)) && (await finished(3)), {
        timeoutMs: 120_000,
      }),
    );

    expect(service.child.exitCode).toBeNull();
    // An export records its submission as finished a moment before it counts itself: a read of the metrics
    // right after the last draw's row showed 3 of 4 once. A redelivered record counts as already-submitted.
    const url = `${service.url}/metrics`;
    const submitted = `prizedraw_sca_exports_total{outcome="submitted"} ${DRAWS}\n`;
    await waitUntil(
      `${DRAWS} exports counted as submitted`,
      async () => (await (await fetch(url)).text()).includes(submitted),
      { timeoutMs: 10_000 },
    );
    const remote = (await listRemote(env.FTP_REMOTE_DIR)).map((file) => file.name).sort();
    expect(remote).toEqual(draws.flatMap(({ drawId }) => [`${drawId}.hsh`, `${drawId}.txt`]).sort());
    for (const { drawId } of draws) {
      const submission = (await submissions.find(drawId))!;
      const txt = await downloadRemote(env.FTP_REMOTE_DIR, `${drawId}.txt`);
      expect(submission).toMatchObject({ rows: ENTRIES, txtBytes: txt.length });
      expect(submission.sha256).toBe(createHash('sha256').update(txt).digest('hex'));
    }
  }, 300_000);
});
