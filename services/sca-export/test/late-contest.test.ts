import { start } from '@prizedraw/cli';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { runSchedulerOnce, schedulerConfigSchema } from '@prizedraw/scheduler';
import { parseConfig, type RunningServices, topicsOf, UNMATCHED_STATUS_HEADER } from '@prizedraw/service';
import { insertContestRow } from '../../../libs/compliance-db/src/fixtures';
import { readUntil } from '../../../test/support/kafka';
import {
  createScaDeployment,
  dayIn,
  enterContest,
  type ScaDeployment,
  todayAndYesterday,
} from './support/sca-deployment';
import { downloadRemote } from './support/servers';
import { until } from './support/until';

// The realistic SCA order on the real Kafka, MariaDB, FTP(S) and S3: entries are in aramis.user_details (and
// one is posted) before anyone inserts the contest row; then the row, then one scheduler run (sync, then
// trigger the ended period). The period's file must hold every address that entered, each once.

const ZONE = 'Europe/London';

describe('SCA entries before their contest row', () => {
  let deployment: ScaDeployment;
  let running: RunningServices | undefined;

  beforeAll(async () => {
    deployment = await createScaDeployment('sca-late');
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await deployment?.close();
  }, 60_000);

  it('when entries (anonymous and with an account, one email both ways) come before the contest row, then the scheduler run delivers every email of the period once', async () => {
    const { brand, db, env } = deployment;
    const utm = `late-${brand}`;
    running = await start(
      ['ingestion', 'enrichment', 'dedupe', 'ticket-rules', 'ticket-wallet', 'sca-export'],
      env,
    );
    const now = Date.now();
    const row = {
      utm_content: utm,
      frequency: 'daily',
      start_date: dayIn(ZONE, now - 24 * 60 * 60_000),
      end_date: dayIn(ZONE, now),
      dedupe_on_email: 1,
      timezone: ZONE,
    };
    const { today, yesterday } = todayAndYesterday(row, now);
    const drawId = `${utm}-${yesterday.start}-to-${yesterday.end}`;
    const during = (minutes: number) =>
      new Date(Date.parse(yesterday.startsAt) + minutes * 60_000).toISOString();

    const entries = [
      { entryId: 'ann-1', email: 'ann@example.com', accountId: null, createdAt: during(60) },
      { entryId: 'ann-2', email: 'Ann@Example.com', accountId: 'acc-ann', createdAt: during(61) },
      { entryId: 'bob-1', email: 'bob@example.com', accountId: 'acc-bob', createdAt: during(70) },
      { entryId: 'bob-2', email: 'bob@example.com', accountId: 'acc-bob', createdAt: during(71) },
      { entryId: 'carol-1', email: 'carol@example.com', accountId: null, createdAt: during(80) },
      { entryId: 'dan-1', email: 'dan@example.com', accountId: 'acc-dan', createdAt: during(90) },
      { entryId: 'dan-2', email: 'DAN@example.com', accountId: null, createdAt: during(91) },
    ];
    await enterContest(deployment, utm, entries);

    // Entries posted now count from now, so today: the scheduler run below triggers only yesterday.
    const posted = await fetch(`${running.url}/v1/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entryId: 'erin-1',
        utmContent: utm,
        email: 'erin@example.com',
        accountId: 'acc-erin',
      }),
    });
    expect(posted.status).toBe(202);

    // No contest row yet: every entry waits, shown on the unmatched topic as parked.
    const unmatched = topicsOf(parseConfig(schedulerConfigSchema, env)).unmatched;
    const shown = await readUntil(unmatched, (messages) => messages.length >= entries.length + 1);
    expect(shown.map((m) => m.headers?.[UNMATCHED_STATUS_HEADER]?.toString())).toEqual(
      Array(entries.length + 1).fill('parked'),
    );

    await insertContestRow(db.pool, row);
    const run = await runSchedulerOnce(
      parseConfig(schedulerConfigSchema, env),
      new Date(Date.parse(today.startsAt) + 60 * 60_000),
    );
    expect(run.triggered).toEqual([drawId]);

    const submissions = new SubmissionRepository(db.pool);
    await until(
      async () => Boolean((await submissions.find(drawId))?.finishedAt),
      'the period submitted',
      120_000,
    );
    const lines = (await downloadRemote(env.FTP_REMOTE_DIR!, `${drawId}.txt`)).toString('utf8').split('\r\n');
    const rows = lines.slice(1, -1).map((line) => line.split(','));
    const emails = rows.map((cells) => cells[2]).sort();
    expect(emails).toEqual(['ann@example.com', 'bob@example.com', 'carol@example.com', 'dan@example.com']);
    // One row per address: the first of its entries to reach dedupe (an entry naming an account included).
    const entriesOf = (email: string) =>
      entries.filter((e) => e.email.toLowerCase() === email).map((e) => e.entryId);
    for (const cells of rows) expect(entriesOf(cells[2]!)).toContain(cells[0]);
  }, 180_000);
});
