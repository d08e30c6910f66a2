import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import type { Page } from 'puppeteer-core';
import { uniqueName } from '../../../test/support/kafka';
import { freePort } from '../../../test/support/service-process';
import {
  type ConsoleTestProcess,
  startConsoleProcess,
  startTestProcess,
  type TestProcess,
} from './support/console-process';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// The Health page's processes: the console asks the /health/ready of each process in CONSOLE_SERVICE_URLS.
// Here an enrichment process of its own (a real stream application) answers ready, then is stopped and
// becomes unreachable; a port nothing listens on is unreachable from the start.

const SECRET = 'a console health test secret of 32+ bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const brand = uniqueName('console-health').toLowerCase();

// A port free when the test starts, which nothing listens on: the connection is refused.
let nothingThere: string;
let enrichment: TestProcess | undefined;
let app: ConsoleTestProcess;

beforeAll(async () => {
  nothingThere = `http://127.0.0.1:${await freePort()}`;
  const env = { BRAND: brand, API_TOKEN_SECRET: SECRET };
  enrichment = await startTestProcess(['enrichment'], env);
  app = await startConsoleProcess(['console'], {
    ...env,
    CONSOLE_SERVICE_URLS: `${enrichment.running.url}/,${nothingThere}`,
  });
});
afterAll(async () => {
  await app?.close();
  await enrichment?.close();
});

const status = (url: string) => `#readiness tr[data-process="${url}"] [data-field="status"]`;
const waitForStatus = (page: Page, url: string, expected: string) =>
  page.waitForFunction(
    `document.querySelector(${JSON.stringify(status(url))})?.textContent === ${JSON.stringify(expected)}`,
    { timeout: 30_000 },
  );
const detail = (page: Page, url: string) =>
  page.$eval(`#readiness tr[data-process="${url}"] [data-field="detail"]`, (cell) => cell.textContent);

describe('the Health page’s processes', () => {
  it('when a listed process is ready, then stopped, and another is not there, then the page shows each as it answers', async () => {
    const url = enrichment?.running.url ?? '';
    const page = await loggedInPage(
      app.browser,
      app.running.url,
      tokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 }),
    );
    await page.goto(`${app.running.url}/console/#/health`);
    await waitForStatus(page, url, 'ready');
    expect(await detail(page, url)).toBe('—');
    await waitForStatus(page, nothingThere, 'unreachable');
    expect(await detail(page, nothingThere)).toBe('ECONNREFUSED');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'health-processes');

    // The page asks again every 5 s: the stopped process turns unreachable without a reload.
    await enrichment?.close();
    enrichment = undefined;
    await waitForStatus(page, url, 'unreachable');
    expect(await detail(page, url)).toBe('ECONNREFUSED');
  });
});
