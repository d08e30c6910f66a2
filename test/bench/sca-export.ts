// Benchmark of the SCA exporter: 1,000,000 entries of one SCA draw, from the moment the last wallet
// partition's run-end is in Kafka (the draw is complete) to both files on the FTP server and in S3 and the
// submission recorded. The runs topic is seeded directly (as 8 wallet partitions would write it), so this
// measures the exporter alone: its watcher topology keeps up with the runs as they are written (spooling the
// rows), then the export worker takes the spooled file, hashes it, uploads over FTPS and archives to S3.
// Run (stack up, `eval "$(deploy/local/stack env)"`): pnpm bench:sca-export [-- --entries 1000000]
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { EVENT_TYPES, topicNames } from '@prizedraw/events';
import type { Message } from 'kafkajs';
import { createTestDatabase } from '../../libs/compliance-db/src/fixtures';
import {
  partitionRunChunks,
  produceRunChunks,
  runEndMessage,
  scaDrawDefinition,
  walletMessage,
} from '../../services/sca-export/test/support/runs';
import { until } from '../../services/sca-export/test/support/until';
import { createTopics, produce, uniqueName } from '../support/kafka';
import { benchOptions } from './support/options';
import { runBench, scratchTopics } from './support/run-bench';
import { peakRssMiB, printTable, STACK_DIR } from './support/stats';

const args = benchOptions({ entries: { type: 'string', default: '1000000' } });
const ENTRIES = Number(args.entries);
const WALLET_PARTITIONS = 8;
// Run entries to a chunk, as the wallet sends them.
const CHUNK = 1_000;

// The V8 heap limits docs/sca-contests.md recommends for the exporter (EXPORTER_NODE_FLAGS overrides them):
// without them V8 lets the heap grow to ~280 MiB while a run streams past, though little of it is live.
const EXPORTER_NODE_FLAGS =
  process.env.EXPORTER_NODE_FLAGS ?? '--max-old-space-size=96 --max-semi-space-size=4';

/**
 * The runs as eight wallet tasks write them, made as they are sent (a million entries are ~350 MB): each
 * partition's run in chunks of a thousand entries, the partitions interleaved, then the run-ends.
 */
function* walletRuns(drawId: string, utm: string): Generator<Message> {
  for (let from = 0; from < ENTRIES; from += CHUNK * WALLET_PARTITIONS) {
    const to = Math.min(ENTRIES, from + CHUNK * WALLET_PARTITIONS);
    for (let partition = 0; partition < WALLET_PARTITIONS; partition++) {
      const range = { from, to, partition, partitions: WALLET_PARTITIONS, chunkEntries: CHUNK };
      yield* partitionRunChunks(drawId, utm, range);
    }
  }
  for (let partition = 0; partition < WALLET_PARTITIONS; partition++)
    yield runEndMessage(drawId, partition, WALLET_PARTITIONS, ENTRIES);
}

// The built service, as it runs in production (`pnpm bench:sca-export` builds first).
function startExporter(env: NodeJS.ProcessEnv): ChildProcess {
  const main = join(__dirname, '../../services/sca-export/dist/main.js');
  const flags = EXPORTER_NODE_FLAGS.split(' ').filter(Boolean);
  return spawn(process.execPath, [...flags, main], { env, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function main(): Promise<void> {
  const brand = uniqueName('bench-sca');
  scratchTopics(brand);
  const topics = topicNames({ brand });
  const utm = `bench-${brand}`;
  const drawId = `${utm}-2026-03-01-to-2026-03-07`;
  const socketPath = join(STACK_DIR, 'mariadb', 'mysqld.sock');
  const db = await createTestDatabase(
    process.env.MYSQL_URL!,
    existsSync(socketPath) ? { admin: { socketPath, user: 'root' } } : {},
  );
  const work = await mkdtemp(join(tmpdir(), 'bench-sca-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = {
    ...process.env,
    BRAND: brand,
    PARTITIONS: String(WALLET_PARTITIONS),
    MYSQL_URL: db.url,
    STATE_DIR: join(work, 'state'),
    EXPORT_DIR: join(work, 'exports'),
    HTTP_PORT: String(port),
    FTP_REMOTE_DIR: `/bench-${brand}`,
    S3_KEY_PREFIX: `bench/${brand}/`,
    // The exporter alone is measured: no prize-draw writes the draw records, so the pair only is archived.
    ARCHIVE_DRAW_RECORDS: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  let exporter: ChildProcess | undefined;
  try {
    await createTopics(Object.values(topics), WALLET_PARTITIONS);
    const draw = scaDrawDefinition(drawId, utm);
    await produce(topics.definitions, [
      walletMessage(EVENT_TYPES.drawDefined, draw, drawId, `define-${drawId}`),
    ]);

    exporter = startExporter(env);
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      'the exporter to be ready',
      120_000,
    );

    const startupRss = peakRssMiB(exporter.pid);
    const seedStart = Date.now();
    await produceRunChunks(topics.runs, walletRuns(drawId, utm));
    const triggered = Date.now();

    const submissions = new SubmissionRepository(db.pool);
    await until(
      async () => Boolean((await submissions.find(drawId))?.finishedAt),
      'the submission',
      600_000,
      20,
    );
    const done = Date.now();
    const rss = peakRssMiB(exporter.pid);
    const submission = (await submissions.find(drawId))!;
    printTable(`sca-export benchmark: ${ENTRIES.toLocaleString('en-US')} entries, one SCA draw`, [
      ['runs seeded (s, producer of this bench)', (triggered - seedStart) / 1000],
      ['complete draw -> FTP + S3 + recorded (s)', (done - triggered) / 1000],
      ['first run record -> recorded (s)', (done - seedStart) / 1000],
      ['rows in the file', submission.rows],
      ['file size (MiB)', submission.txtBytes / 1024 / 1024],
      ['exporter node flags', EXPORTER_NODE_FLAGS || '(none)'],
      ['exporter peak RSS at start-up (MiB)', startupRss],
      ['exporter peak RSS (MiB)', rss],
    ]);
    if (submission.rows !== ENTRIES) throw new Error(`expected ${ENTRIES} rows, got ${submission.rows}`);
  } finally {
    exporter?.kill('SIGTERM');
    await db.drop();
    await rm(work, { recursive: true, force: true });
  }
}

runBench(main);
