import { mkdtemp, rm } from 'node:fs/promises';
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
import { buildDrawDefinition } from '../../../test/support/pipeline-inputs';
import { freePort } from '../../../test/support/service-process';
import { launchChromium } from '../../onsite-gateway/test/support/chromium';
import { focusIsOn, propertyOf, retype, tabTo } from './support/keyboard';
import { fitsWidth, loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// The console in a real headless Chromium against the real broker and the real draw pipeline, in this
// process: an operator logs in, defines a draw in the form, watches its counts rise while customers stake,
// triggers it and sees the winners; both actions are on the audit topic under the operator's name. All by
// keyboard only (Tab, Shift+Tab, Enter, Space, arrow keys; no clicks), each control reached showing a focus
// ring: the walkthrough of the Draws page, a draw, a customer, dead letters and Health.

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

    // The token field has focus; the token is typed, Tab reaches Log in.
    expect(await focusIsOn(page, '#token')).toBe(true);
    await page.keyboard.sendCharacter(operatorToken());
    await tabTo(page, '#login button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#define', { timeout: 15_000 });

    // The define form, field by field from the top of the page: the search comes first.
    await tabTo(page, '#customer');
    await tabTo(page, '#define-drawId');
    await page.keyboard.type(drawId);
    await tabTo(page, '#define-promoCode');
    await page.keyboard.type(promoCode);
    await tabTo(page, '#define-opensAt');
    await retype(page, new Date(Date.now() - 3_600_000).toISOString());
    // A select by arrow keys: down to sca, up again to in-house.
    await tabTo(page, '#define-administrator');
    await page.keyboard.press('ArrowDown');
    expect(await propertyOf(page, '#define-administrator', 'value')).toBe('sca');
    await page.keyboard.press('ArrowUp');
    expect(await propertyOf(page, '#define-administrator', 'value')).toBe('in-house');
    await tabTo(page, '#define-prizes');
    await page.keyboard.type('car, A car, 1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('spins, 10 free spins, 2');
    await tabTo(page, '#define button[type="submit"]');
    await page.keyboard.press('Enter');
    const row = `#draws tr[data-draw-id="${drawId}"]`;
    await page.waitForSelector(row, { timeout: 30_000 });
    expect(await text(page, `${row} [data-state]`)).toBe('open');
    expect(await text(page, '#define-issues')).toBe(`Defined ${drawId}`);
    expect(await seriousViolations(page)).toEqual([]);

    // 1,000 minor units at 500 a ticket: two tickets each.
    await produce(
      topics.activity,
      CUSTOMERS.map((accountId) => stake(accountId, promoCode, 1000)),
    );
    await waitForText(page, `${row} [data-field="tickets"]`, '10');
    expect(await text(page, `${row} [data-field="entrants"]`)).toBe('5');
    await screenshot(page, 'draws');

    // The draw's link keeps focus while the list refreshes (every 2 s) under it.
    const link = `${row} a`;
    await tabTo(page, link, { back: true });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await focusIsOn(page, link)).toBe(true);
    // A customer search, back up the page.
    await tabTo(page, '#customer', { back: true });
    await page.keyboard.type('c-1');
    await page.keyboard.press('Enter');
    // Before the draw: the customer's best ticket comes from the wallet's live-count route.
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
    // From the customer's page to the draw by its link.
    await tabTo(page, `#customer-draws tr[data-draw-id="${drawId}"] a`);
    await page.keyboard.press('Enter');
    await waitForText(page, '#entrants', '5');
    expect(await text(page, '#tickets')).toBe('10');
    // Enter on the trigger button opens the dialog with focus on Cancel; Tab, then Enter.
    await tabTo(page, '#trigger');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm-trigger[open]');
    expect(await focusIsOn(page, '#confirm-trigger button[value="cancel"]')).toBe(true);
    await tabTo(page, '#confirm-trigger-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#draw-state[data-state="completed"]', { timeout: 60_000 });
    // The dialog gave focus back to the trigger, which stays focused, unusable now the draw has run.
    expect(await focusIsOn(page, '#trigger[aria-disabled="true"]')).toBe(true);
    await waitForText(page, '#winners tr[data-prize-id="spins"] td:last-child', '2');
    await waitForText(page, '#winners tr[data-prize-id="car"] td:last-child', '1');
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
    await tabTo(page, '#verify', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#full-verification[data-state="verified"]', { timeout: 60_000 });
    expect(await text(page, '#full-verification')).toContain('5 entrants, 10 tickets');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'draw-completed');
    await page.setViewport({ width: 390, height: 844 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'draw-completed-phone');
    await page.setViewport({ width: 1200, height: 900 });

    // The results search: type an account, Enter; then its link to the customer.
    await tabTo(page, '#account');
    await page.keyboard.type('c-3');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      "document.querySelectorAll('#results tr').length === 1 && !!document.querySelector('#results tr[data-account-id=\"c-3\"]')",
      { timeout: 10_000 },
    );
    await tabTo(page, '#results tr[data-account-id="c-3"] a');
    await page.keyboard.press('Enter');
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
    // The main navigation is before the page: back up to it.
    await tabTo(page, 'header a[href="#/dead-letters"]', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      `document.querySelector('section[data-topic="${dlq}"] h2')?.textContent.endsWith('(2)') || (location.reload(), false)`,
      { timeout: 30_000, polling: 1000 },
    );
    expect(await text(page, `section[data-topic="${dlq}"] tbody`)).toContain('stakeMinor');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dead-letters');

    await tabTo(page, `section[data-topic="${dlq}"] h2 a`);
    await page.keyboard.press('Enter');
    // CONSOLE_DEAD_LETTERS_KEPT=1: only the newer one is kept.
    await page.waitForSelector('#dead-letters tr', { timeout: 10_000 });
    expect(await page.$$eval('#dead-letters tr', (rows) => rows.length)).toBe(1);
    expect(await text(page, '#dead-letters')).toContain(newerId);
    const partition = await page.$eval('#dead-letters input', (box) => box.getAttribute('data-partition'));
    // Page through the partition: its number, Enter.
    await tabTo(page, '#page-partition');
    await retype(page, String(partition));
    await page.keyboard.press('Enter');
    await page.waitForFunction("document.querySelectorAll('#dead-letters tr').length === 2", {
      timeout: 30_000,
    });
    // From the partition's start (transaction markers take offsets too: the end is not the record count).
    expect(await text(page, '#dead-letter-page')).toMatch(
      new RegExp(`^Partition ${partition}, offsets 0 to \\d+ \\(of 0 to \\d+\\)`),
    );
    expect(await text(page, '#dead-letters tr:nth-child(2)')).toContain(olderId);
    // Open the older record's headers (Enter on its summary), select it (Space), back up to Re-drive.
    await tabTo(page, '#dead-letters tr:nth-child(2) summary');
    await page.keyboard.press('Enter');
    expect(await propertyOf(page, '#dead-letters tr:nth-child(2) details', 'open')).toBe(true);
    await tabTo(page, '#dead-letters tr:nth-child(2) input[type="checkbox"]', { back: true });
    await page.keyboard.press('Space');
    expect(await propertyOf(page, '#dead-letters tr:nth-child(2) input', 'checked')).toBe(true);
    await tabTo(page, '#redrive', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm-redrive[open]');
    await tabTo(page, '#confirm-redrive-button');
    await page.keyboard.press('Enter');
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
    await tabTo(page, 'header a[href="#/health"]', { back: true });
    await page.keyboard.press('Enter');
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
    // Two charts, each a named image around the canvas uPlot draws.
    expect(await page.$$eval(`${updates} [role="img"] canvas`, (charts) => charts.length)).toBe(2);
    expect(await page.$$eval('#stages tr', (rows) => rows.length)).toBeGreaterThan(0);
    // Without CONSOLE_SERVICE_URLS, the readiness of the console's own process: here the whole pipeline's.
    await waitForText(
      page,
      '#readiness tr[data-process="this console’s process"] [data-field="status"]',
      'ready',
    );
    // Its tables are named regions a keyboard reaches (and scrolls, on a narrow screen).
    await tabTo(page, '.table-wrap:has(#lag)');
    await tabTo(page, '.table-wrap:has(#throughput)');
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

  it('when more draws are defined than a page holds, then the Draws page goes through them a page at a time, and the API names a bad `after`', async () => {
    // 105 draws closing an hour apart from 2031 on, after every other draw of this brand: page-104 first.
    const first = Date.parse('2031-01-01T00:00:00Z');
    const drawId = (n: number) => `page-${String(n).padStart(3, '0')}-${brand}`;
    await produce(
      topics.definitions,
      Array.from({ length: 105 }, (_, n) => {
        const closesAt = new Date(first + n * 3_600_000).toISOString();
        const draw = buildDrawDefinition({ drawId: drawId(n), opensAt: '2030-12-01T00:00:00Z', closesAt });
        const event = toCloudEvent(bind(draw), { type: EVENT_TYPES.drawDefined, source: '/console-test' });
        return encodeEvent(event, { key: draw.drawId });
      }),
    );
    const page = await loggedIn();
    await page.waitForSelector(`#draws tr[data-draw-id="${drawId(104)}"]`, { timeout: 30_000 });
    expect(await page.$$eval('#draws tr', (rows) => rows.length)).toBe(100);
    const total = Number((await text(page, '#draws-shown')).split(' of ')[1]!.replaceAll(',', ''));
    expect(total).toBeGreaterThanOrEqual(105);

    await tabTo(page, '#draws-older');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#draws tr[data-draw-id="${drawId(4)}"]`, { timeout: 10_000 });
    expect(await text(page, '#draws tr:first-child a')).toBe(drawId(4));
    expect(await text(page, '#draws-shown')).toMatch(/^101–/);
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, '#draws-newer');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#draws tr[data-draw-id="${drawId(104)}"]`, { timeout: 10_000 });
    await page.close();

    const authorization = `Bearer ${operatorToken()}`;
    const list = (query: string) =>
      fetch(`${running.url}/v1/console/draws?${query}`, { headers: { authorization } });
    const second = (await (await list(`limit=2&after=${drawId(104)}`)).json()) as {
      draws: { drawId: string }[];
      next: string | null;
    };
    expect([second.draws.map((draw) => draw.drawId), second.next]).toEqual([
      [drawId(103), drawId(102)],
      drawId(102),
    ]);
    const unknown = await list('after=no-such-draw');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await unknown.json()) as { issues: unknown }).issues).toEqual([
      { in: 'query', field: 'after', message: 'No draw no-such-draw is defined' },
    ]);
    expect((await list('limit=1001')).status).toBe(400);
  });
});
