import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { SubmissionRepository, UserDetailsRepository, WatermarkRepository } from '@prizedraw/compliance-db';
import type { ContestPeriod } from '@prizedraw/contests';
import { dedupeService } from '@prizedraw/dedupe';
import { enrichmentService } from '@prizedraw/enrichment';
import { ingestionConfigSchema, ingestionService } from '@prizedraw/ingestion';
import { runSchedulerOnce, schedulerConfigSchema } from '@prizedraw/scheduler';
import { parseConfig, type RunningServices, runServices } from '@prizedraw/service';
import { ticketRulesService } from '@prizedraw/ticket-rules';
import { ticketWalletService } from '@prizedraw/ticket-wallet';
import {
  buildUserDetails,
  insertContestRow,
  type TestDatabase,
} from '../../../libs/compliance-db/src/fixtures';
import { createArchiveS3Client, scaExportConfigSchema, scaExportService } from '../src';
import { createScaDeployment, dayIn, type ScaDeployment, todayAndYesterday } from './support/sca-deployment';
import { downloadRemote, listRemote } from './support/servers';
import { until } from './support/until';

// End to end on the real Kafka, MariaDB, FTP(S) and S3: contests and entries in, the scheduler's run, the
// SCA pairs out. Each test run has its own brand (topics), database, FTP folder and S3 prefix.

const ZONE = 'America/New_York';

describe('SCA contests end to end', () => {
  let deployment: ScaDeployment;
  let brand: string;
  let gift: string;
  let sweeps: string;
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let running: RunningServices | undefined;
  let today: ContestPeriod;
  let yesterday: ContestPeriod;

  beforeAll(async () => {
    deployment = await createScaDeployment('sca');
    ({ brand, db, env } = deployment);
    gift = `gift-${brand}`;
    sweeps = `sweeps-${brand}`;
    const now = Date.now();
    const start = dayIn(ZONE, now - 24 * 60 * 60 * 1000);
    const end = dayIn(ZONE, now);
    const rows = [
      { utm_content: gift, frequency: 'daily', start_date: start, end_date: end },
      { utm_content: sweeps, frequency: 'daily', start_date: start, end_date: end, dedupe_on_email: 1 },
      { utm_content: `broken-${brand}`, start_date: end, end_date: start },
      { utm_content: `undated-${brand}`, start_date: null },
    ];
    for (const row of rows) await insertContestRow(db.pool, { timezone: ZONE, ...row });
    ({ today, yesterday } = todayAndYesterday({ timezone: ZONE, ...rows[0] }, now));
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await deployment?.close();
  }, 60_000);

  const scheduler = (asOf: number) =>
    runSchedulerOnce(parseConfig(schedulerConfigSchema, env), new Date(asOf));
  const drawId = (utm: string, period: ContestPeriod) => `${utm}-${period.start}-to-${period.end}`;

  it('when contests and entries come in and the scheduler runs, then SCA gets exactly the expected pairs, archived and recorded; a second run changes nothing', async () => {
    // The sync defines yesterday's and today's periods; nothing has ended yet, nothing is triggered.
    const sync = await scheduler(Date.parse(yesterday.startsAt) + 60_000);
    expect(sync.triggered).toEqual([]);
    expect(sync.defined.sort()).toEqual(
      [drawId(gift, yesterday), drawId(gift, today), drawId(sweeps, yesterday), drawId(sweeps, today)].sort(),
    );
    expect(sync.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/end_date/),
      expect.stringMatching(/start_date/),
    ]);

    const ingestionConfig = parseConfig(ingestionConfigSchema, env);
    const exportConfig = parseConfig(scaExportConfigSchema, env);
    running = await runServices(
      [
        ingestionService(ingestionConfig),
        enrichmentService(),
        dedupeService({ DEDUPE_RETENTION_MS: 7 * 24 * 60 * 60 * 1000 }),
        ticketRulesService(),
        ticketWalletService(),
        scaExportService(exportConfig),
      ],
      exportConfig,
    );

    const during = (period: ContestPeriod, minutes: number) =>
      new Date(Date.parse(period.startsAt) + minutes * 60_000).toISOString();
    const entries = new UserDetailsRepository(db.pool);
    const rows = [
      buildUserDetails({
        entryId: 'ann-1',
        utmContent: gift,
        email: 'ann@example.com',
        createdAt: during(yesterday, 60),
      }),
      buildUserDetails({
        entryId: 'ann-2',
        utmContent: gift,
        email: 'Ann@Example.com',
        createdAt: during(yesterday, 90),
      }),
      buildUserDetails({
        entryId: 'bob-1',
        utmContent: gift,
        email: 'bob@example.com',
        lastName: '=HYPERLINK("x")',
        createdAt: during(yesterday, 120),
      }),
      buildUserDetails({
        entryId: 'carol-1',
        utmContent: gift,
        email: 'carol@example.com',
        createdAt: during(today, 1),
      }),
      buildUserDetails({
        entryId: 'dan-1',
        utmContent: sweeps,
        email: 'dan@example.com',
        createdAt: during(yesterday, 60),
      }),
      buildUserDetails({
        entryId: 'dan-2',
        utmContent: sweeps,
        email: 'DAN@example.com',
        createdAt: during(yesterday, 61),
      }),
      buildUserDetails({
        entryId: 'erin-1',
        utmContent: sweeps,
        email: 'erin@example.com',
        createdAt: during(yesterday, 70),
      }),
    ];
    let lastId = 0;
    for (const row of rows) lastId = (await entries.insertEntry(row)).userDetailsId;

    const post = (body: unknown) =>
      fetch(`${running!.url}/v1/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const frank = {
      entryId: 'frank-1',
      utmContent: gift,
      email: 'frank@example.com',
      firstName: 'Frank',
      phone: '+1 555 0101',
    };
    expect((await post(frank)).status).toBe(202);
    expect((await post(frank)).status).toBe(202); // the same entry again: counted once
    const bad = await post({ utmContent: gift, email: 'not-an-email', phone: 7 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await bad.json()) as { detail: string; issues: { field: string }[] };
    expect(problem.issues.map((i) => i.field).sort()).toEqual(['email', 'entryId', 'phone']);
    expect(problem.detail).toMatch(/entryId/);

    const watermarks = new WatermarkRepository(db.pool);
    await until(async () => (await watermarks.get(`user_details:${brand}`)) >= lastId, 'user_details read');

    const asOf = Date.parse(today.endsAt) + 60 * 60_000;
    const run = await scheduler(asOf);
    const draws = [
      drawId(gift, yesterday),
      drawId(gift, today),
      drawId(sweeps, yesterday),
      drawId(sweeps, today),
    ];
    expect(run.triggered.sort()).toEqual([...draws].sort());

    const submissions = new SubmissionRepository(db.pool);
    await until(
      async () => (await Promise.all(draws.map((d) => submissions.find(d)))).every((s) => s?.finishedAt),
      'every draw submitted',
      180_000,
    );

    const remoteDir = env.FTP_REMOTE_DIR!;
    const names = (await listRemote(remoteDir)).map((f) => f.name).sort();
    expect(names).toEqual(draws.flatMap((d) => [`${d}.hsh`, `${d}.txt`]).sort());
    const s3 = createArchiveS3Client({
      region: env.S3_REGION!,
      endpoint: env.S3_ENDPOINT,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
    const rowsOf = new Map<string, string[]>();
    for (const draw of draws) {
      const txt = await downloadRemote(remoteDir, `${draw}.txt`);
      const hsh = (await downloadRemote(remoteDir, `${draw}.hsh`)).toString('ascii');
      const sha256 = createHash('sha256').update(txt).digest('hex');
      expect(hsh).toBe(sha256);
      const utm = draw.startsWith(gift) ? gift : sweeps;
      for (const [name, bytes] of [
        [`${draw}.txt`, txt],
        [`${draw}.hsh`, Buffer.from(hsh)],
      ] as const) {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: env.S3_BUCKET, Key: `${env.S3_KEY_PREFIX}${utm}/${name}` }),
        );
        const body = (object as { Body?: { transformToByteArray(): Promise<Uint8Array> } }).Body;
        expect(Buffer.from(await body!.transformToByteArray())).toEqual(bytes);
      }
      const lines = txt.toString('utf8').split('\r\n').slice(0, -1);
      expect(lines[0]).toBe(
        'entry_id,utm_content,email,first_name,last_name,phone,site,account_id,entered_at',
      );
      rowsOf.set(draw, lines.slice(1));
      await expect(submissions.find(draw)).resolves.toMatchObject({
        sha256,
        rows: lines.length - 1,
        txtBytes: txt.length,
      });
    }
    const ids = (draw: string) =>
      rowsOf
        .get(draw)!
        .map((line) => line.split(',')[0])
        .sort();
    expect(ids(drawId(gift, yesterday))).toEqual(['ann-1', 'ann-2', 'bob-1']);
    expect(ids(drawId(gift, today))).toEqual(['carol-1', 'frank-1']);
    expect(ids(drawId(sweeps, yesterday))).toEqual(['dan-1', 'erin-1']);
    expect(ids(drawId(sweeps, today))).toEqual([]);
    expect(rowsOf.get(drawId(gift, yesterday))!.find((l) => l.startsWith('bob-1'))).toContain(`'=HYPERLINK`);
    expect(rowsOf.get(drawId(gift, today))!.find((l) => l.startsWith('frank-1'))).toContain(',Frank,');

    const before = await Promise.all(draws.map((d) => submissions.find(d)));
    const again = await scheduler(asOf);
    expect(again.triggered).toEqual([]);
    expect(again.defined).toEqual([]);
    expect(again.alreadyTriggered.sort()).toEqual([...draws].sort());
    await sleep(2_000);
    expect(await Promise.all(draws.map((d) => submissions.find(d)))).toEqual(before);
    expect((await listRemote(remoteDir)).map((f) => f.name).sort()).toEqual(names);
  }, 300_000);
});
