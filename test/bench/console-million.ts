// The operations console with a 1,000,000-entrant draw's data: a definition, a live ticket count for each of a
// million customers, the trigger, a million results and draw-completed, produced straight onto the topics the
// console reads (a brand of its own, 2 partitions). Then the console starts in a process of its own (the built
// CLI) and reads them; printed: how long it takes to catch up, its peak and current resident memory, the size
// of the API answers, and how long Chromium takes to show the Draws page, the draw's page (counts, winners,
// the first page of results) and a customer's page. Run: pnpm run build && node --import tsx
// test/bench/console-million.ts [-- --entrants 1000000] [--node-args=--max-old-space-size=256: the console
// process's node flags, space-separated, or `k8s` for deploy/k8s'] [--cpu-prof-dir DIR: its CPU profile, written when it stops]
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  type DrawCompleted,
  type DrawResult,
  EVENT_TYPES,
  type TicketCount,
  topicNames,
} from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import type { Message } from 'kafkajs';
import { loggedInPage } from '../../services/console/test/support/page-checks';
import { launchChromium } from '../../services/onsite-gateway/test/support/chromium';
import { produce, uniqueName } from '../support/kafka';
import { startServiceProcess } from '../support/service-process';
import { benchOptions, flagsText, nodeArgsOf } from './support/options';
import { benchDraw, eventMessage } from './support/pipeline-fixture';
import { runBench, scratchTopics } from './support/run-bench';
import { peakRssMiB, printTable } from './support/stats';

const args = benchOptions({
  entrants: { type: 'string', default: '1000000' },
  'node-args': { type: 'string', default: '' },
  'cpu-prof-dir': { type: 'string' },
});
const ENTRANTS = Number(args.entrants);
const CONSOLE_FLAGS = nodeArgsOf(args['node-args'], 'console');
// A produce request per chunk: a batch of results must stay under the broker's message size limit.
const CHUNK = 1_000;
const SECRET = 'a console benchmark secret of 32+ bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const token = tokens.issue({ role: 'operator', subject: 'bench', ttlSeconds: 3600 });

const accountOf = (i: number) => `acc-${String(i).padStart(9, '0')}`;
// 1 to 7 tickets: every bar of the histogram but the top ones has customers.
const ticketsOf = (i: number) => 1 + (i % 7);

async function produceAll(topic: string, what: string, message: (i: number) => Message): Promise<void> {
  for (let from = 0; from < ENTRANTS; from += CHUNK) {
    await produce(
      topic,
      Array.from({ length: Math.min(CHUNK, ENTRANTS - from) }, (_, i) => message(from + i)),
    );
    process.stdout.write(`\r${what}: ${Math.min(from + CHUNK, ENTRANTS).toLocaleString('en-US')}`);
  }
  process.stdout.write('\n');
}

const currentRssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

async function main(): Promise<void> {
  const brand = uniqueName('console-bench').toLowerCase();
  scratchTopics(brand);
  const topics = topicNames({ brand });
  const draw = { ...benchDraw(`million-${randomUUID().slice(0, 8)}`), milestones: [5] };
  const env = { BRAND: brand, PARTITIONS: '2', API_TOKEN_SECRET: SECRET };
  // The console makes the deployment's topics when it starts: once to make them, once to measure.
  await (await startServiceProcess(['console'], env, { built: true })).stop();

  await produce(topics.definitions, [eventMessage(EVENT_TYPES.drawDefined, draw.drawId, draw)]);
  await produceAll(topics.ticketUpdates, 'ticket counts produced', (i) => {
    const count: TicketCount = {
      drawId: draw.drawId,
      accountId: accountOf(i),
      tickets: ticketsOf(i),
      milestone: ticketsOf(i) === 5,
    };
    return eventMessage(EVENT_TYPES.ticketCount, count.accountId, count);
  });
  await produce(topics.triggers, [
    eventMessage(EVENT_TYPES.drawTrigger, draw.drawId, { drawId: draw.drawId }),
  ]);
  const prizes = draw.prizes.flatMap((p) => Array.from({ length: p.quantity }, () => p));
  await produceAll(topics.results, 'results produced', (i) => {
    const prize = prizes[i];
    const result: DrawResult = {
      drawId: draw.drawId,
      accountId: accountOf(i),
      outcome: prize ? 'won' : 'lost',
      prize: prize ? { prizeId: prize.prizeId, name: prize.name } : null,
      ticket: randomUUID(),
      rank: i + 1,
      tickets: ticketsOf(i),
    };
    return eventMessage(EVENT_TYPES.drawResult, result.accountId, result);
  });
  let tickets = 0;
  for (let i = 0; i < ENTRANTS; i++) tickets += ticketsOf(i);
  const completed: DrawCompleted = {
    drawId: draw.drawId,
    entrants: ENTRANTS,
    tickets,
    winners: prizes.length,
    lateTickets: 0,
  };
  await produce(topics.results, [eventMessage(EVENT_TYPES.drawCompleted, draw.drawId, completed)]);

  const startedAt = Date.now();
  const profileDir = args['cpu-prof-dir'];
  const consoleProcess = await startServiceProcess(['console'], env, {
    built: true,
    readyTimeoutMs: 120_000,
    nodeArgs: [...CONSOLE_FLAGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
  });
  const pid = consoleProcess.child.pid ?? 0;
  const api = async (path: string) => {
    const answer = await fetch(`${consoleProcess.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await answer.text();
    return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
  };
  const drawPath = `/v1/console/draws/${draw.drawId}`;
  for (;;) {
    const { body } = await api(drawPath);
    if (body.results === ENTRANTS && body.state === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const caughtUpS = (Date.now() - startedAt) / 1000;
  const detail = await api(drawPath);
  const list = await api('/v1/console/draws');
  const page = await api(`${drawPath}/results?limit=50`);
  // A customer among the results kept (CONSOLE_RESULTS_KEPT): past them the console knows no customer's
  // tickets once the draw completed (it drops the live counts then).
  const customerId = accountOf(Math.floor(ENTRANTS / 10));
  const customer = await api(`/v1/console/customers/${customerId}`);

  const browser = await launchChromium();
  const timings: [string, string][] = [];
  try {
    const tab = await loggedInPage(browser, consoleProcess.url, token);
    const timed = async (label: string, hash: string, ready: string) => {
      const t0 = Date.now();
      await tab.goto(`${consoleProcess.url}/console/${hash}`);
      await tab.waitForFunction(ready, { timeout: 60_000 });
      timings.push([label, `${Date.now() - t0} ms`]);
    };
    const millionText = JSON.stringify(ENTRANTS.toLocaleString('en-GB'));
    await tab.goto('about:blank');
    await timed(
      'Draws page, the draw listed',
      '#/draws',
      `document.querySelector('#draws tr[data-draw-id="${draw.drawId}"] [data-field="entrants"]')?.textContent === ${millionText}`,
    );
    await tab.goto('about:blank');
    await timed(
      'draw page: counts, winners, 50 results',
      `#/draws/${draw.drawId}`,
      `document.getElementById('entrants')?.textContent === ${millionText} && document.querySelectorAll('#results tr').length === 50 && document.querySelectorAll('#winners tr').length === 3`,
    );
    await tab.goto('about:blank');
    await timed(
      "a customer's page",
      `#/customers/${customerId}`,
      `!!document.querySelector('#customer-draws tr[data-draw-id="${draw.drawId}"]')`,
    );
  } finally {
    await browser.close();
  }
  const peak = peakRssMiB(pid);
  const now = currentRssMiB(pid);
  await consoleProcess.stop();

  printTable(`console with a ${ENTRANTS.toLocaleString('en-US')}-entrant draw (2 partitions)`, [
    ['records read (counts + results)', 2 * ENTRANTS],
    ['console node flags', flagsText(CONSOLE_FLAGS)],
    ['caught up after start', `${caughtUpS.toFixed(1)} s`],
    ['peak RSS (VmHWM)', `${peak.toFixed(0)} MiB`],
    ['RSS after the page loads', `${now.toFixed(0)} MiB`],
    ['GET draws (bytes)', list.bytes],
    ['GET one draw (bytes)', detail.bytes],
    ['GET 50 results (bytes)', page.bytes],
    ['GET a customer (bytes)', customer.bytes],
    ['results kept for paging (of total)', `${page.body.kept} of ${page.body.total}`],
    ...timings,
  ]);
}

runBench(main);
