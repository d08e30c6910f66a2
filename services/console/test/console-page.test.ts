import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUSED_PIPELINE, SERVICES, start } from '@prizedraw/cli';
import {
  bind,
  decodeEvent,
  EVENT_TYPES,
  encodeEvent,
  type TopicNames,
  toCloudEvent,
} from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { type RunningServices, topicsOf } from '@prizedraw/service';
import type { KafkaMessage } from 'kafkajs';
import type { Browser, Page } from 'puppeteer-core';
import { produce, readUntil, uniqueName } from '../../../test/support/kafka';
import { launchChromium } from '../../onsite-gateway/test/support/chromium';
import { fitsWidth, loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// The console in a real headless Chromium against the real broker and the real draw pipeline, in this
// process: an operator logs in, defines a draw in the form, watches its counts rise while customers stake,
// triggers it and sees the winners; both actions are on the audit topic under the operator's name.

const SECRET = 'a console test secret of at least 32 bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
// The draw pipeline (the first six services `prizedraw start` knows, in order) and the console.
const PIPELINE = [...Object.keys(SERVICES).slice(0, 6), 'console'];
const CUSTOMERS = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];

let running: RunningServices;
let browser: Browser;
let stateDir: string;
let topics: TopicNames;
const brand = uniqueName('console').toLowerCase();

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'console-'));
  // A port known before start: the console asks the wallet in the same process for best tickets.
  const port = await freePort();
  const env = {
    ...process.env,
    BRAND: brand,
    // Two partitions: the shared broker has a file-descriptor limit, every topic of a brand counts.
    PARTITIONS: '2',
    HTTP_PORT: String(port),
    CONSOLE_WALLET_URLS: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    STATE_DIR: stateDir,
    // One seed directory for the console (define), the wallet and prize-draw: the draw is verifiable.
    SEED_DIR: join(stateDir, 'seeds'),
    API_TOKEN_SECRET: SECRET,
    CONSOLE_LIVE_INTERVAL_MS: '200',
    // 60 samples of 2 s: the throughput charts still hold the first test's ticket updates at the last one.
    CONSOLE_LAG_SAMPLE_MS: '2000',
    // One kept: a re-drive of an older record pages to it through Kafka.
    CONSOLE_DEAD_LETTERS_KEPT: '1',
  };
  topics = topicsOf({ DC: 'local', BRAND: brand });
  [running, browser] = await Promise.all([start(PIPELINE, env), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  await rm(stateDir, { recursive: true, force: true });
});

const text = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent?.trim() ?? '');
const waitForText = (page: Page, selector: string, expected: string) =>
  page.waitForFunction(
    `document.querySelector(${JSON.stringify(selector)})?.textContent.trim() === ${JSON.stringify(expected)}`,
    { timeout: 60_000 },
  );

const operatorToken = () => tokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 });
const loggedIn = () => loggedInPage(browser, running.url, operatorToken());

const stake = (accountId: string, promoCode: string, stakeMinor: number) =>
  encodeEvent(
    toCloudEvent(bind({ accountId, promoCode, activityId: uniqueName('bet'), stakeMinor, currency: 'GBP' }), {
      type: EVENT_TYPES.stake,
      source: '/console-test/upstream',
    }),
    { key: accountId },
  );

describe('the console in Chromium', () => {
  it('when an operator defines a draw, customers stake and the operator triggers it, then the page shows it live to its winners', async () => {
    const drawId = uniqueName('draw');
    const promoCode = `${drawId}-promo`;
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(`${running.url}/console/`);
    await page.waitForSelector('#token');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    await page
      .locator('#token')
      .fill(tokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 }));
    await page.click('#login button[type="submit"]');
    await page.waitForSelector('#define', { timeout: 15_000 });

    await page.locator('#define-drawId').fill(drawId);
    await page.locator('#define-promoCode').fill(promoCode);
    await page.locator('#define-opensAt').fill(new Date(Date.now() - 3_600_000).toISOString());
    await page.locator('#define-prizes').fill('car, A car, 1\nspins, 10 free spins, 2');
    await page.click('#define button[type="submit"]');
    const row = `#draws tr[data-draw-id="${drawId}"]`;
    await page.waitForSelector(row, { timeout: 30_000 });
    expect(await text(page, `${row} [data-state]`)).toBe('open');
    expect(await seriousViolations(page)).toEqual([]);

    // 1,000 minor units at 500 a ticket: two tickets each.
    await produce(
      topics.activity,
      CUSTOMERS.map((accountId) => stake(accountId, promoCode, 1000)),
    );
    await waitForText(page, `${row} [data-field="tickets"]`, '10');
    expect(await text(page, `${row} [data-field="entrants"]`)).toBe('5');
    await screenshot(page, 'draws');

    // Before the draw: the customer's best ticket comes from the wallet's live-count route.
    await page.goto(`${running.url}/console/#/customers/c-1`);
    await page.waitForFunction(
      `/^[0-9a-f-]{36}$/.test(document.querySelector('#customer-draws tr[data-draw-id="${drawId}"] [data-field="best-ticket"]')?.textContent ?? '')`,
      { timeout: 15_000 },
    );
    // Before the trigger, the wallet's partitions have seen none of its markers (asked of the wallet).
    const markers = await fetch(`${running.url}/v1/console/draws/${drawId}/markers`, {
      headers: { authorization: `Bearer ${operatorToken()}` },
    });
    expect(await markers.json()).toEqual({
      known: true,
      partitions: [0, 1].map((partition) => ({
        partition,
        markers: [],
        sourcePartitions: null,
        drawn: false,
      })),
    });
    await page.goto(`${running.url}/console/#/draws`);
    await page.waitForSelector(row, { timeout: 10_000 });
    await page.click(`${row} a`);
    await waitForText(page, '#entrants', '5');
    expect(await text(page, '#tickets')).toBe('10');
    // By keyboard only: Enter on the trigger button opens the dialog with focus on Cancel; Tab, then Enter.
    await page.focus('#trigger');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm-trigger[open]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('confirm-trigger-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#draw-state[data-state="completed"]', { timeout: 60_000 });
    await waitForText(page, '#winners tr[data-prize-id="spins"] td:last-child', '2');
    expect(await text(page, '#winners tr[data-prize-id="car"] td:last-child')).toBe('1');
    await page.waitForFunction("document.querySelectorAll('#results tr').length === 5", { timeout: 10_000 });
    expect(await text(page, '#histogram tr:nth-child(2) .number')).toBe('5');
    expect(await text(page, '#late-tickets')).toBe('0');
    // Both partitions sent their run and, the results being keyed by customer, got its results.
    await page.waitForFunction(
      "[...document.querySelectorAll('#partitions tr')].filter((r) => r.querySelector('[data-field=run-ended]').textContent === 'yes').length === 2",
      { timeout: 15_000 },
    );
    const written = await page.$$eval('#partitions [data-field="results"]', (cells) =>
      cells.reduce((sum, cell) => sum + Number(cell.textContent), 0),
    );
    expect(written).toBe(5);
    // Each wallet partition processed the marker of both activity partitions, as its wallet instance says.
    await page.waitForFunction(
      "[...document.querySelectorAll('#partitions [data-field=markers]')].map((c) => c.textContent).join('|') === '2 of 2 (from 0, 1)|2 of 2 (from 0, 1)'",
      { timeout: 15_000 },
    );
    // Defined with the commitment of its seed in SEED_DIR: the record reveals a seed that matches it.
    await page.waitForFunction(
      "document.getElementById('verification')?.textContent.startsWith('Verifiable: its revealed seed matches')",
      {
        timeout: 15_000,
      },
    );
    // The full verification: prizedraw verify itself, run by the console, recomputes every ticket.
    await page.click('#verify');
    await page.waitForSelector('#full-verification[data-state="verified"]', { timeout: 60_000 });
    expect(await text(page, '#full-verification')).toContain('5 entrants, 10 tickets');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'draw-completed');
    await page.setViewport({ width: 390, height: 844 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'draw-completed-phone');
    await page.setViewport({ width: 1200, height: 900 });

    await page.locator('#account').fill('c-3');
    await page.click('form[role="search"] button');
    await page.waitForFunction(
      "document.querySelectorAll('#results tr').length === 1 && !!document.querySelector('#results tr[data-account-id=\"c-3\"]')",
      { timeout: 10_000 },
    );

    await page.click('#results tr[data-account-id="c-3"] a');
    await page.waitForSelector('#customer-draws tr [data-field="outcome"]', { timeout: 10_000 });
    const outcome = await text(page, `#customer-draws tr[data-draw-id="${drawId}"] [data-field="outcome"]`);
    expect(['won', 'lost']).toContain(outcome);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'customer');

    const audit = await readUntil(topics.consoleAudit, (messages) => messages.length >= 2, 30_000);
    const actions = audit.map((message) => decodeEvent(message).data);
    expect(actions).toEqual([
      expect.objectContaining({ action: 'define-draw', drawId, operator: 'ops-ann' }),
      expect.objectContaining({ action: 'trigger-draw', drawId, operator: 'ops-ann' }),
    ]);
  });

  it('when records were dead-lettered and the operator pages back to one no longer kept and re-drives it, then it is back on its source topic, audited', async () => {
    const broken = (eventId: string) =>
      encodeEvent(
        toCloudEvent(
          bind({
            accountId: 'c-bad',
            promoCode: 'P',
            activityId: eventId,
            stakeMinor: 'lots',
            currency: 'GBP',
          }),
          { type: EVENT_TYPES.stake, source: '/console-test/upstream', id: eventId },
        ),
        { key: 'c-bad' },
      );
    const [olderId, newerId] = [uniqueName('broken'), uniqueName('broken')];
    // Both keyed c-bad: one partition, the older first.
    await produce(topics.activity, [broken(olderId), broken(newerId)]);
    const page = await loggedIn();
    const dlq = `${topics.activity}.dlq`;
    await page.goto(`${running.url}/console/#/dead-letters`);
    await page.waitForFunction(
      `document.querySelector('section[data-topic="${dlq}"] h2')?.textContent.endsWith('(2)') || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    expect(await text(page, `section[data-topic="${dlq}"] tbody`)).toContain('stakeMinor');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dead-letters');

    await page.click(`section[data-topic="${dlq}"] h2 a`);
    // CONSOLE_DEAD_LETTERS_KEPT=1: only the newer one is kept.
    await page.waitForSelector('#dead-letters tr', { timeout: 10_000 });
    expect(await page.$$eval('#dead-letters tr', (rows) => rows.length)).toBe(1);
    expect(await text(page, '#dead-letters')).toContain(newerId);
    const partition = await page.$eval('#dead-letters input', (box) => box.getAttribute('data-partition'));
    await page.locator('#page-partition').fill(String(partition));
    await page.click('#pager button[type="submit"]');
    await page.waitForFunction("document.querySelectorAll('#dead-letters tr').length === 2", {
      timeout: 30_000,
    });
    // From the partition's start (transaction markers take offsets too: the end is not the record count).
    expect(await text(page, '#dead-letter-page')).toMatch(
      new RegExp(`^Partition ${partition}, offsets 0 to \\d+ \\(of 0 to \\d+\\)`),
    );
    expect(await text(page, '#dead-letters tr:nth-child(2)')).toContain(olderId);
    await page.click('#dead-letters tr:nth-child(2) input[type="checkbox"]');
    await page.click('#redrive');
    await page.click('#confirm-redrive-button');
    await waitForText(page, '#redrive-done', 'Re-drove 1 record(s).');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dead-letters-paged');

    const copies = (messages: readonly { headers?: Record<string, unknown> }[], id: string) =>
      messages.filter((m) => String(m.headers?.ce_id) === id).length;
    const activity = await readUntil(topics.activity, (messages) => copies(messages, olderId) === 2, 30_000);
    expect(copies(activity, newerId)).toBe(1);
    // Keyed by the dead-letter topic, the audit event may be on another partition than the draw's two.
    const redrives = (messages: readonly KafkaMessage[]) =>
      messages.map((m) => decodeEvent(m)).filter((e) => e.type === EVENT_TYPES.consoleRedrive);
    const audit = await readUntil(topics.consoleAudit, (messages) => redrives(messages).length > 0, 30_000);
    expect(redrives(audit).map((e) => e.data)).toEqual([
      expect.objectContaining({ deadLetterTopic: dlq, originTopic: topics.activity, operator: 'ops-ann' }),
    ]);
  });

  it('when the pipeline runs, then the Health page shows its process ready, each stream application with its lag, and throughput and latency by topic', async () => {
    const page = await loggedIn();
    await page.goto(`${running.url}/console/#/health`);
    // enrichment, dedupe, ticket-rules and the wallet run fused in one process: one application, fed by ingested.
    const wallet = `#lag tr[data-group="prizedraw-${brand}-${FUSED_PIPELINE}"]`;
    await page.waitForSelector(wallet, { timeout: 30_000 });
    // Everything sent so far has been processed: what remains are the commit markers of the transactional
    // input topics (an offset each, after the last record a consumer commits), at most one per partition.
    await page.waitForFunction(
      `Number(document.querySelector('${wallet} [data-field="lag"]')?.textContent) <= ${2 * 3}`,
      { timeout: 30_000 },
    );
    expect(await text(page, `${wallet} td:last-child`)).toContain(topics.ingested);
    // Throughput and end-to-end latency of the topics the console reads, from the events' timelines.
    const updates = `#throughput tr[data-topic="${topics.ticketUpdates}"]`;
    await page.waitForSelector(updates, { timeout: 10_000 });
    expect(await text(page, `${updates} [data-field="max-latency"]`)).toMatch(/^[\d,]+ ms$/);
    expect(await page.$$eval(`${updates} svg`, (charts) => charts.length)).toBe(2);
    expect(await page.$$eval('#stages tr', (rows) => rows.length)).toBeGreaterThan(0);
    // Without CONSOLE_SERVICE_URLS, the readiness of the console's own process: here the whole pipeline's.
    await waitForText(
      page,
      '#readiness tr[data-process="this console’s process"] [data-field="status"]',
      'ready',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'health');
  });

  it('when the API is asked without an operator token, then it answers 401 and a customer token 403', async () => {
    expect((await fetch(`${running.url}/v1/console/draws`)).status).toBe(401);
    const customer = tokens.issue({ role: 'customer', subject: 'c-1', ttlSeconds: 60 });
    const answer = await fetch(`${running.url}/v1/console/draws`, {
      headers: { authorization: `Bearer ${customer}` },
    });
    expect(answer.status).toBe(403);
  });
});

/** A port free now, for a server that must know its own address before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
