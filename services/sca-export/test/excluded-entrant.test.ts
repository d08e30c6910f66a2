import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { FUSED_PIPELINE, start } from '@prizedraw/cli';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { bind, type DrawRecord, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import { runSchedulerOnce, schedulerConfigSchema } from '@prizedraw/scheduler';
import { parseConfig, type RunningServices, topicsOf } from '@prizedraw/service';
import { insertContestRow } from '../../../libs/compliance-db/src/fixtures';
import { verifyDraw } from '../../../test/e2e/support/verify-draw';
import { produce, withAdmin } from '../../../test/support/kafka';
import { createArchiveS3Client, recordFileName } from '../src';
import {
  createScaDeployment,
  dayIn,
  enterContest,
  type ScaDeployment,
  todayAndYesterday,
} from './support/sca-deployment';
import { downloadRemote } from './support/servers';
import { until } from './support/until';

// An SCA period with an excluded entrant, on the real Kafka, MariaDB, FTP(S) and S3, with prize-draw running:
// bob is on the customer exclusions topic before the trigger. His entry is not in SCA's file, the draw's
// record (archived beside the pair) lists him as excluded, and both verifiers pass the record.

const ZONE = 'Europe/London';
const STANDALONE = join(__dirname, '../../../tools/verify-draw.mjs');

describe('an SCA draw with an excluded entrant', () => {
  let deployment: ScaDeployment;
  let running: RunningServices | undefined;

  beforeAll(async () => {
    deployment = await createScaDeployment('sca-excl');
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await deployment?.close();
  }, 60_000);

  it('when an entrant is excluded before the trigger, then the file leaves them out, the record in S3 beside the pair marks the skip and verify passes', async () => {
    const { brand, db } = deployment;
    const env = { ...deployment.env, ARCHIVE_DRAW_RECORDS: 'true' } as Record<string, string>;
    const config = parseConfig(schedulerConfigSchema, env);
    const topics = topicsOf(config);
    const utm = `excl-${brand}`;
    const now = Date.now();
    const row = {
      utm_content: utm,
      frequency: 'daily',
      start_date: dayIn(ZONE, now - 24 * 60 * 60_000),
      end_date: dayIn(ZONE, now),
      timezone: ZONE,
    };
    await insertContestRow(db.pool, row);
    const { today, yesterday } = todayAndYesterday(row, now);
    const drawId = `${utm}-${yesterday.start}-to-${yesterday.end}`;
    // The sync defines the periods before any entry comes.
    await runSchedulerOnce(config, new Date(Date.parse(yesterday.startsAt) + 60_000));
    running = await start(
      ['ingestion', 'enrichment', 'dedupe', 'ticket-rules', 'ticket-wallet', 'prize-draw', 'sca-export'],
      env,
    );

    const exclusion = { customerId: 'acc-bob', excluded: true, reason: 'self-exclusion' };
    const event = toCloudEvent(bind(exclusion), {
      type: EVENT_TYPES.customerExclusion,
      source: '/test/operator',
    });
    await produce(topics.exclusions, [encodeEvent(event, { key: 'acc-bob' })]);
    // The status that counts is the one the wallet had applied when it sent the run: wait until it has (the
    // wallet runs fused with the stages before it, in one application).
    await until(async () => {
      const [committed] = await withAdmin((admin) =>
        admin.fetchOffsets({ groupId: `prizedraw-${brand}-${FUSED_PIPELINE}`, topics: [topics.exclusions] }),
      );
      return (committed?.partitions ?? []).some((p) => Number(p.offset) > 0);
    }, 'the wallet applied the exclusion');

    const during = (minutes: number) =>
      new Date(Date.parse(yesterday.startsAt) + minutes * 60_000).toISOString();
    const entries = [
      { entryId: 'ann-1', email: 'ann@example.com', accountId: 'acc-ann', createdAt: during(60) },
      { entryId: 'ann-2', email: 'ann@example.com', accountId: 'acc-ann', createdAt: during(61) },
      { entryId: 'bob-1', email: 'bob@example.com', accountId: 'acc-bob', createdAt: during(70) },
      { entryId: 'carol-1', email: 'carol@example.com', accountId: 'acc-carol', createdAt: during(80) },
    ];
    await enterContest(deployment, utm, entries);

    const run = await runSchedulerOnce(config, new Date(Date.parse(today.endsAt) + 60 * 60_000));
    expect(run.triggered).toContain(drawId);
    const submissions = new SubmissionRepository(db.pool);
    await until(
      async () => Boolean((await submissions.find(drawId))?.finishedAt),
      'the period submitted',
      120_000,
    );

    // docs/sca-contests.md: an excluded customer's entries are not in the file SCA draws from.
    const txt = (await downloadRemote(env.FTP_REMOTE_DIR!, `${drawId}.txt`)).toString('utf8');
    const ids = txt
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0]);
    expect(ids.sort()).toEqual(['ann-1', 'ann-2', 'carol-1']);

    // The record, beside the pair: the entrants with their counts (bob among them: he entered) and the skip.
    const s3 = createArchiveS3Client({
      region: env.S3_REGION!,
      endpoint: env.S3_ENDPOINT,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
    const object = await s3.send(
      new GetObjectCommand({
        Bucket: env.S3_BUCKET,
        Key: `${env.S3_KEY_PREFIX}${utm}/${recordFileName(drawId)}`,
      }),
    );
    const archived = Buffer.from(await object.Body!.transformToByteArray());
    s3.destroy();
    const { entries: listed, ...record } = JSON.parse(archived.toString('utf8')) as DrawRecord & {
      entries: { accountId: string; tickets: number }[];
    };
    expect(listed).toEqual([
      { accountId: 'acc-ann', tickets: 2 },
      { accountId: 'acc-bob', tickets: 1 },
      { accountId: 'acc-carol', tickets: 1 },
    ]);
    expect(record).toMatchObject({
      drawId,
      verifiable: false,
      excluded: ['acc-bob'],
      entrants: 3,
      tickets: 4,
    });
    expect(record.definition.administrator).toBe('sca');
    expect(record.exclusionOffsets).toHaveLength(2);

    // prizedraw verify reads the record from Kafka: it passes, and saves the same bytes as the archived file.
    const { cli, standalone, saved } = await verifyDraw(env, drawId);
    expect(cli.output).toContain(`draw ${drawId} verified: 3 entrants, 4 tickets`);
    expect(cli.status).toBe(0);
    expect(standalone.status).toBe(0);
    expect(await readFile(join(saved, 'record.json'))).toEqual(archived);
    // An auditor with the file from S3 alone.
    const fromS3 = join(saved, 'from-s3.record.json');
    await writeFile(fromS3, archived);
    const auditor = spawn(process.execPath, [STANDALONE, fromS3]);
    let output = '';
    auditor.stdout.on('data', (chunk) => (output += chunk));
    const status = await new Promise((resolve) => auditor.once('exit', resolve));
    expect(output).toContain(`draw ${drawId} verified: 3 entrants, 4 tickets, entry list checked`);
    expect(status).toBe(0);
  }, 240_000);
});
