import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@prizedraw/cli';
import { ExportFailureRepository, SubmissionRepository } from '@prizedraw/compliance-db';
import {
  bind,
  decodeEvent,
  EVENT_TYPES,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  toCloudEvent,
} from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { type RunningServices, topicsOf } from '@prizedraw/service';
import type { Browser } from 'puppeteer-core';
import {
  buildContestRow,
  insertContestRow,
  type TestDatabase,
} from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { produce, readUntil, uniqueName } from '../../../test/support/kafka';
import { launchChromium } from '../../onsite-gateway/test/support/chromium';
import { tabTo } from './support/keyboard';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// The SCA exports page against the real MariaDB (a test database of its own) and broker: a contest and an SCA
// draw with its submission in the log are shown with its S3 keys and the failed attempts before it; a draw
// whose export is requested but not taken by an export worker is queued, stalled once a failed attempt is
// recorded for it (with its reason), and the operator requests it again (audited).

const SECRET = 'a console sca test secret of 32+ bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const operator = () => tokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 });

let db: TestDatabase;
let running: RunningServices;
let browser: Browser;
let stateDir: string;
const brand = uniqueName('console-sca').toLowerCase();
const topics = topicsOf({ DC: 'local', BRAND: brand });

beforeAll(async () => {
  db = await freshDatabase();
  stateDir = await mkdtemp(join(tmpdir(), 'console-sca-'));
  [running, browser] = await Promise.all([
    start(['console'], {
      ...process.env,
      BRAND: brand,
      PARTITIONS: '2',
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      STATE_DIR: stateDir,
      API_TOKEN_SECRET: SECRET,
      MYSQL_URL: db.url,
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  await db?.drop();
  await rm(stateDir, { recursive: true, force: true });
});

const scaDraw = (drawId: string, closesAt: string) => ({
  drawId,
  promoCode: drawId,
  opensAt: '2026-03-02T05:00:00Z',
  closesAt,
  timezone: 'America/New_York',
  administrator: 'sca',
  prizes: [{ prizeId: 'gift', name: 'A gift card', quantity: 1 }],
  defaultPrize: null,
});

describe('the SCA exports page', () => {
  it('when an SCA draw was exported after failed attempts and another is waiting for the export worker, then the page shows the file pair, its S3 keys and the failures, and the operator retries the other once it fails', async () => {
    await insertContestRow(db.pool, buildContestRow({ utm_content: 'spring-sweeps' }));
    const exported = 'spring-sweeps-2026-03-02-to-2026-03-08';
    const pending = 'spring-sweeps-2026-03-09-to-2026-03-15';
    for (const [drawId, closesAt] of [
      [exported, '2026-03-09T05:00:00Z'],
      [pending, '2026-03-16T04:00:00Z'],
    ] as const) {
      const answer = await fetch(`${running.url}/v1/console/draws`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator()}`, 'content-type': 'application/json' },
        body: JSON.stringify(scaDraw(drawId, closesAt)),
      });
      expect(answer.status).toBe(202);
    }
    await new SubmissionRepository(db.pool).record({
      drawId: exported,
      txtName: `${exported}.txt`,
      hshName: `${exported}.hsh`,
      sha256: 'ab'.repeat(32),
      txtBytes: 1234,
      hshBytes: 64,
      rows: 17,
      startedAt: '2026-03-09T05:01:00.000Z',
      finishedAt: '2026-03-09T05:01:02.000Z',
    });
    // What the export worker's failure hook writes: two failed FTP logins before the delivery went through.
    const failures = new ExportFailureRepository(db.pool);
    for (const failedAt of ['2026-03-09T05:00:10.000Z', '2026-03-09T05:00:40.000Z'])
      await failures.record({ drawId: exported, step: 'ftp', reason: 'EFTP530: Login incorrect.', failedAt });

    // The pending draw's runs are complete: its export request is on the exports topic, no worker takes it.
    const ready = {
      drawId: pending,
      runsPartition: 0,
      fromOffset: '0',
      toOffset: '3',
      partitions: 2,
      entries: 2,
    };
    await produce(topics.scaExports, [
      encodeEvent(toCloudEvent(bind(ready), { type: PIPELINE_EVENT_TYPES.scaExportReady, source: '/test' }), {
        key: pending,
      }),
    ]);

    const page = await loggedInPage(browser, running.url, operator());
    await page.goto(`${running.url}/console/#/sca`);
    // Definitions reach the console's table a moment after they are written: reload until both are there.
    const state = (drawId: string) =>
      `document.querySelector('#sca-submissions tr[data-draw-id="${drawId}"] [data-field="state"]')?.dataset.state`;
    await page.waitForFunction(
      `(document.querySelectorAll('#sca-submissions tr').length === 2 && ${state(pending)} === 'queued') || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    const delivered = (drawId: string) =>
      page.$eval(
        `#sca-submissions tr[data-draw-id="${drawId}"] [data-field="delivered"]`,
        (node) => node.textContent,
      );
    expect(await delivered(exported)).toBe('2026-03-09T05:01:02.000Z');
    expect(await delivered(pending)).toBe('—');
    expect(await page.evaluate(state(exported))).toBe('delivered');
    expect(
      await page.$$eval(`#sca-submissions tr[data-draw-id="${exported}"] [data-field="s3"] code`, (keys) =>
        keys.map((key) => key.textContent),
      ),
    ).toEqual([
      `s3://sca-submissions/spring-sweeps/${exported}.txt`,
      `s3://sca-submissions/spring-sweeps/${exported}.hsh`,
    ]);
    expect(await page.$eval('#sca-contests', (node) => node.textContent)).toContain('spring-sweeps');
    const failuresOf = (drawId: string) =>
      page.$eval(`#sca-submissions tr[data-draw-id="${drawId}"] [data-field="failures"]`, (cell) => ({
        summary: cell.querySelector('summary')?.textContent ?? cell.textContent,
        attempts: [...cell.querySelectorAll('li')].map((li) => li.textContent),
      }));
    expect(await failuresOf(exported)).toEqual({
      summary: '2 failed',
      attempts: [
        '2026-03-09T05:00:40.000Z ftp: EFTP530: Login incorrect.',
        '2026-03-09T05:00:10.000Z ftp: EFTP530: Login incorrect.',
      ],
    });
    expect(await failuresOf(pending)).toEqual({ summary: 'none', attempts: [] });

    // The worker takes the pending draw and its first step fails: the draw is stalled, saying why.
    const failedAt = new Date().toISOString();
    const reason = 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2121';
    await failures.record({ drawId: pending, step: 'ftp', reason, failedAt });
    await page.reload();
    await page.waitForFunction(`${state(pending)} === 'stalled'`, { timeout: 15_000 });
    expect(
      await page.$eval(`#sca-submissions tr[data-draw-id="${pending}"] .reason`, (node) => node.textContent),
    ).toBe(`the worker is retrying step ftp, which last failed at ${failedAt}: ${reason}`);
    // By keyboard only: Enter on the delivered draw's failed attempts opens them; Tab (or Shift+Tab, when its
    // row is above) to the pending draw's Retry, Enter, Tab from Cancel to Retry, Enter.
    await tabTo(page, `#sca-submissions tr[data-draw-id="${exported}"] summary`);
    await page.keyboard.press('Enter');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sca');

    const pendingAbove = await page.$eval('#sca-submissions tr', (tr) => tr.getAttribute('data-draw-id'));
    await tabTo(page, `button[data-retry="${pending}"]`, { back: pendingAbove === pending });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm-sca-retry[open]');
    await tabTo(page, '#confirm-sca-retry-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      `document.getElementById('sca-retry-done')?.textContent === 'Export of ${pending} requested again.'`,
      { timeout: 15_000 },
    );
    const requests = await readUntil(topics.scaExports, (messages) => messages.length === 2, 30_000);
    expect(requests.map((m) => decodeEvent(m).data)).toEqual([ready, ready]);
    const audit = await readUntil(topics.consoleAudit, (messages) => messages.length >= 3, 30_000);
    expect(
      audit
        .map((m) => decodeEvent(m))
        .filter((e) => e.type === EVENT_TYPES.consoleAction)
        .map((e) => e.data),
    ).toContainEqual(
      expect.objectContaining({ action: 'retry-sca-export', drawId: pending, operator: 'ops-ann' }),
    );
  });

  it('when the export worker has not created the failure log yet, then the draws show it is not recorded', async () => {
    await db.pool.query('DROP TABLE sca_export_failures');
    const answer = await fetch(`${running.url}/v1/console/sca`, {
      headers: { authorization: `Bearer ${operator()}` },
    });
    expect(answer.status).toBe(200);
    const { draws } = (await answer.json()) as { draws: { failedAttempts: unknown }[] };
    expect(draws.map((draw) => draw.failedAttempts)).toEqual([null, null]);
  });

  it('when a draw has no export request, then a retry is refused with 409', async () => {
    const answer = await fetch(`${running.url}/v1/console/sca/no-such-draw/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator()}` },
    });
    expect(answer.status).toBe(409);
  });
});
