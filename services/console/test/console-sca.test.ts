import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@prizedraw/cli';
import { SubmissionRepository } from '@prizedraw/compliance-db';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import type { RunningServices } from '@prizedraw/service';
import type { Browser } from 'puppeteer-core';
import {
  buildContestRow,
  insertContestRow,
  type TestDatabase,
} from '../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../libs/compliance-db/test/support/test-database';
import { uniqueName } from '../../../test/support/kafka';
import { launchChromium } from '../../onsite-gateway/test/support/chromium';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// The SCA exports page against the real MariaDB (a test database of its own) and broker: a contest and an SCA
// draw with its submission in the log are shown; a draw not exported yet says so.

const SECRET = 'a console sca test secret of 32+ bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const operator = () => tokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 });

let db: TestDatabase;
let running: RunningServices;
let browser: Browser;
let stateDir: string;

beforeAll(async () => {
  db = await freshDatabase();
  stateDir = await mkdtemp(join(tmpdir(), 'console-sca-'));
  [running, browser] = await Promise.all([
    start(['console'], {
      ...process.env,
      BRAND: uniqueName('console-sca').toLowerCase(),
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
  it('when an SCA draw was exported and another not yet, then the page shows the contest, the file pair and the gap', async () => {
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

    const page = await loggedInPage(browser, running.url, operator());
    await page.goto(`${running.url}/console/#/sca`);
    // Definitions reach the console's table a moment after they are written: reload until both are there.
    await page.waitForFunction(
      `document.querySelectorAll('#sca-submissions tr').length === 2 || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    const delivered = (drawId: string) =>
      page.$eval(
        `#sca-submissions tr[data-draw-id="${drawId}"] [data-field="delivered"]`,
        (node) => node.textContent,
      );
    expect(await delivered(exported)).toBe('2026-03-09T05:01:02.000Z');
    expect(await delivered(pending)).toBe('—');
    expect(await page.$eval('#sca-contests', (node) => node.textContent)).toContain('spring-sweeps');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sca');
  });
});
