import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ComplianceDbPool, createPool } from '@prizedraw/compliance-db';
import { EVENT_TYPES } from '@prizedraw/events';
import { parseConfig, topicsOf } from '@prizedraw/service';
import { createTopics, produce, uniqueName } from '../../../test/support/kafka';
import { type PrivateMariaDb, startPrivateMariaDb } from '../../../test/support/private-mariadb';
import { type PrivateS3Server, startPrivateS3Server } from '../../../test/support/private-s3-server';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';
import { archiveKey, createArchiveS3Client, type ScaExportConfig, scaExportConfigSchema } from '../src';
import { exporterEnv } from './support/exporter-env';
import { watchFtpPair } from './support/ftp-pair-watch';
import { PrivateFtpServer } from './support/private-ftp-server';
import {
  produceRunChunks,
  runChunkMessages,
  runEndMessage,
  scaDrawDefinition,
  walletMessage,
} from './support/runs';
import { ftpRootDir } from './support/servers';

const PARTITIONS = 2;
const ENTRIES = 5_000;
// ~120 bytes a row: a 5,000-entry file takes ~1.5 s to upload, long enough to crash a server during it.
const FTP_BYTES_PER_SECOND = 400_000;

// The exporter as a service against a MariaDB, a vsftpd and an S3 server of this file's own, each crashed
// and restarted (the other test files keep the stack's shared servers). Every scenario exports one draw of
// 5,000 entries while one server is down, and checks the same outcome: the export completes by itself once
// the server is back, SCA's folder never shows a .hsh without its .txt nor a .txt of another size than the
// final one, S3 holds the same pair, the submission is recorded once, and the file holds every entry once.
describe('sca-export service during MariaDB, FTP and S3 outages (real servers)', () => {
  const brand = uniqueName('sca-outage');
  let mariadb: PrivateMariaDb;
  let ftp: PrivateFtpServer;
  let s3: PrivateS3Server;
  let pool: ComplianceDbPool;
  let s3Client: S3Client;
  let work: string;
  let settings: Record<string, string>;
  let config: ScaExportConfig;
  let running: ServiceProcess | undefined;

  beforeAll(async () => {
    [mariadb, ftp, s3] = await Promise.all([
      startPrivateMariaDb(),
      PrivateFtpServer.start({ maxRate: FTP_BYTES_PER_SECOND }),
      startPrivateS3Server(),
    ]);
    pool = createPool(mariadb.url, { connectionLimit: 2 });
    work = await mkdtemp(join(tmpdir(), 'sca-outage-'));
    settings = {
      ...exporterEnv(brand, PARTITIONS, mariadb.url, work),
      FTP_PORT: String(ftp.port),
      FTP_ATTEMPTS: '2',
      S3_ENDPOINT: s3.endpoint,
      EXPORT_RETRY_MAX_MS: '2000',
    };
    config = parseConfig(scaExportConfigSchema, { ...process.env, ...settings });
    s3Client = createArchiveS3Client({
      endpoint: s3.endpoint,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    });
    await createTopics(Object.values(topicsOf(config)), PARTITIONS);
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await pool?.end();
    s3Client?.destroy();
    await Promise.all([mariadb?.close(), ftp?.close(), s3?.close()]);
    await rm(work, { recursive: true, force: true });
  }, 60_000);

  const serverDir = () => join(ftpRootDir(), config.FTP_REMOTE_DIR!);

  // A process of its own, as in production: in jest's sandbox, the errors of Node's sockets are of another
  // realm's Error, which basic-ftp's `instanceof Error` does not recognise, so an upload cut off by the crash
  // could wait for ever in-process (about one loaded run in four) while it fails and is retried in a process.
  async function exporter(): Promise<ServiceProcess> {
    running ??= await startServiceProcess(['sca-export'], settings);
    return running;
  }

  /** The exporter's metric lines that start with `prefix`. */
  async function metricLines(prefix: string): Promise<string[]> {
    const text = await (await fetch(`${(await exporter()).url}/metrics`)).text();
    return text.split('\n').filter((line) => line.startsWith(prefix));
  }

  /** Failed export attempts so far (`prizedraw_sca_exports_total{outcome="failed"}`). */
  async function failedAttempts(): Promise<number> {
    const [line] = await metricLines('prizedraw_sca_exports_total{outcome="failed"}');
    return Number(line?.split(' ').at(-1) ?? 0);
  }

  /** Writes a draw's runs but the last run-end; returns its id and what completes it (the draw is then ready). */
  async function prepareDraw(name: string): Promise<{ drawId: string; complete: () => Promise<void> }> {
    const utm = `${name}-${brand}`;
    const drawId = `${utm}-2026-03-01-to-2026-03-07`;
    const topics = topicsOf(config);
    await produce(topics.definitions, [
      walletMessage(EVENT_TYPES.drawDefined, scaDrawDefinition(drawId, utm), drawId, drawId),
    ]);
    await produceRunChunks(topics.runs, runChunkMessages(drawId, utm, ENTRIES, PARTITIONS, 100));
    await produce(topics.runs, [runEndMessage(drawId, 0, PARTITIONS, ENTRIES)]);
    return { drawId, complete: () => produce(topics.runs, [runEndMessage(drawId, 1, PARTITIONS, ENTRIES)]) };
  }

  async function submissionRows(
    drawId: string,
  ): Promise<{ finished: boolean; rows: number; sha256: string }[]> {
    const [rows] = await pool.query(
      'SELECT finished_at IS NOT NULL AS finished, `rows`, sha256 FROM sca_submissions WHERE draw_id = ?',
      [drawId],
    );
    return (rows as { finished: number; rows: number; sha256: string }[]).map((row) => ({
      ...row,
      finished: row.finished === 1,
    }));
  }

  /** The steps of the draw's failed attempts the worker recorded for the console, in order. */
  async function recordedFailures(drawId: string): Promise<{ step: string; reason: string }[]> {
    const [rows] = await pool.query(
      'SELECT step, reason FROM sca_export_failures WHERE draw_id = ? ORDER BY failure_id',
      [drawId],
    );
    return rows as { step: string; reason: string }[];
  }

  async function s3Object(key: string): Promise<Buffer> {
    const object = await s3Client.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  /** A server of this file's own. */
  interface Crashable {
    crash(): unknown;
    startAgain(): Promise<void>;
  }

  /**
   * When a server is crashed: before the exporter starts, before the draw is ready, while the `.txt` is being
   * uploaded, or once the pair is on FTP (the S3 copy comes next).
   */
  type Moment = 'before-start' | 'before-ready' | 'txt-uploading' | 'pair-on-ftp';

  /**
   * Waits as `waitUntil` does; on a timeout, the error also says what the exporter's failed attempts were, by
   * step, and whether each server runs: a scenario that hangs in CI leaves nothing else to go on.
   */
  async function waitOrExplain(
    what: string,
    condition: () => Promise<boolean>,
    options?: Parameters<typeof waitUntil>[2],
  ): Promise<void> {
    try {
      await waitUntil(what, condition, options);
    } catch (error) {
      const failures = await metricLines('prizedraw_sca_export_failures_total{').catch((e: Error) => [
        e.message,
      ]);
      const servers = [mariadb.state(), ftp.state(), s3.state()];
      throw new Error(
        `${(error as Error).message}; failed attempts ${failures.join(', ') || 'none'}; ${servers.join('; ')}`,
      );
    }
  }

  /** Waits until SCA's folder holds `name`. */
  async function onFtp(name: string): Promise<void> {
    await waitOrExplain(
      `${name} on FTP`,
      async () => (await readdir(serverDir()).catch(() => [] as string[])).includes(name),
      { everyMs: 5 },
    );
  }

  /**
   * Exports a draw while `server` is crashed at `moment` and restarted once an export attempt failed, then
   * checks what SCA, S3 and the submission log hold.
   */
  async function exportThrough(name: string, server: Crashable, moment: Moment): Promise<void> {
    const early = moment === 'before-start' || moment === 'before-ready';
    if (moment === 'before-start') await server.crash();
    await exporter();
    const { drawId, complete } = await prepareDraw(name);
    const watch = watchFtpPair(serverDir(), drawId);
    const before = await failedAttempts();
    if (early) await server.crash();
    await complete();
    if (!early) {
      await onFtp(moment === 'txt-uploading' ? `.${drawId}.txt.part` : `${drawId}.hsh`);
      await server.crash();
    }
    await waitOrExplain('an export attempt to fail', async () => (await failedAttempts()) > before);
    await server.startAgain();
    await waitOrExplain('the submission to be finished', async () =>
      (await submissionRows(drawId).catch(() => [])).some((row) => row.finished),
    );
    const seen = await watch.stop();

    const txt = await readFile(join(serverDir(), `${drawId}.txt`));
    const hsh = await readFile(join(serverDir(), `${drawId}.hsh`), 'ascii');
    const sha256 = createHash('sha256').update(txt).digest('hex');
    expect(hsh).toBe(sha256);
    expect(seen).toEqual({ txtSizes: new Set([txt.length]), hshWithoutTxt: 0 });
    expect((await readdir(serverDir())).filter((file) => file.includes(drawId)).sort()).toEqual([
      `${drawId}.hsh`,
      `${drawId}.txt`,
    ]);
    const utm = drawId.replace(/-2026-03-01-to-2026-03-07$/, '');
    expect(await s3Object(archiveKey(utm, `${drawId}.txt`, config.S3_KEY_PREFIX))).toEqual(txt);
    expect((await s3Object(archiveKey(utm, `${drawId}.hsh`, config.S3_KEY_PREFIX))).toString('ascii')).toBe(
      hsh,
    );
    expect(await submissionRows(drawId)).toEqual([{ finished: true, rows: ENTRIES, sha256 }]);
    const ids = txt
      .toString('utf8')
      .split('\r\n')
      .slice(1, -1)
      .map((row) => row.split(',')[0]);
    expect(ids.sort()).toEqual(Array.from({ length: ENTRIES }, (_, n) => `entry-${n}`).sort());
    // Each failed attempt is in the failure log with its reason, except those of MariaDB itself: while it
    // is down they cannot be written there (the worker logs them and carries on).
    const failures = await recordedFailures(drawId);
    const step = { db: 'submission-log', ftp: 'ftp', s3: 's3' }[name.split('-')[0] as 'db' | 'ftp' | 's3'];
    if (step === 'submission-log') expect(failures.filter((f) => f.step !== step)).toEqual([]);
    else expect(failures).toContainEqual({ step, reason: expect.stringMatching(/\S/) });
  }

  it.each([
    ['MariaDB is down as the exporter starts and a draw becomes ready', 'db-down', 'before-start'],
    ['MariaDB goes down during the upload', 'db-drop', 'txt-uploading'],
    ['the FTP server is down as a draw becomes ready', 'ftp-down', 'before-ready'],
    ['the FTP server crashes during the upload', 'ftp-drop', 'txt-uploading'],
    ['S3 is down as a draw becomes ready', 's3-down', 'before-ready'],
    ['S3 goes down once the pair is on FTP', 's3-drop', 'pair-on-ftp'],
  ] as const)(
    'when %s, then the export completes once it is back',
    async (_outage, name, moment) => {
      const servers = { db: mariadb, ftp, s3 };
      await exportThrough(name, servers[name.split('-')[0] as keyof typeof servers], moment);
    },
    100_000,
  );
});
