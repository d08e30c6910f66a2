import { randomBytes } from 'node:crypto';
import { EVENT_TYPES } from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { type DemoLoadOptions, demoSummary, runDemoLoad } from '@prizedraw/instant-win';
import { baseConfigSchema, parseConfig, topicsOf } from '@prizedraw/service';
import { readTopic } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import { removeDemoTopics } from '../demo/demo-topics';
import { stopSignals } from '../demo/stop-signals';
import { progress, say, table } from '../output';
import type { DemoOptions } from './demo';
import { start } from './start';

/** Reads one counter of the running service's Prometheus metrics, 0 when absent. */
async function metric(url: string, name: string, signal: AbortSignal): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { signal })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Waits, with a progress bar, until the service's outbox has relayed `expected` events to Kafka. */
async function relayed(url: string, expected: number, signal: AbortSignal): Promise<void> {
  const bar = progress('events relayed to Kafka', expected);
  for (;;) {
    const sent = await metric(url, 'prizedraw_instant_win_outbox_relayed_total', signal);
    bar.update(Math.min(sent, expected));
    if (sent >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
    signal.throwIfAborted();
  }
  bar.stop();
}

/** Counts the committed events of the topic by type, unless `stopped` rejects first. */
async function countEvents(
  kafka: Kafka,
  topic: string,
  stopped: Promise<never>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const reader = await readTopic(kafka, topic, (message) => {
    const type = message.headers?.ce_type?.toString() ?? '';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  });
  try {
    await Promise.race([reader.caughtUp, stopped]);
  } finally {
    await reader.stop();
  }
  return counts;
}

/**
 * `prizedraw demo instant-win`: starts the instant-win service in this process on a brand of its own (its
 * own token secret, MariaDB from MYSQL_URL), runs a campaign with a realistic load through its API
 * (registrations, draws with repeated presses, redemptions with repeats), waits for the outbox to reach
 * Kafka, and prints a summary checked against the load (exit status 1 if any figure is off). Ctrl-C or
 * SIGTERM aborts the load and the waits, and the service still stops and the topics still go.
 */
export async function demoInstantWin(
  { customers, keepTopics }: DemoOptions,
  env = process.env,
): Promise<void> {
  const brand = `demo-iw-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const secret = randomBytes(48).toString('base64');
  const settings = {
    LOG_LEVEL: 'error',
    HTTP_PORT: '0',
    ...env,
    BRAND: brand,
    API_TOKEN_SECRET: secret,
    API_TOKEN_SECRET_FILE: '',
  };
  const config = parseConfig(baseConfigSchema, settings);
  say(`prizedraw demo instant-win: brand ${brand}, ${customers.toLocaleString('en-US')} customers`);
  const signals = stopSignals();
  try {
    const running = await start(['instant-win'], settings);
    try {
      const bars = new Map<string, ReturnType<typeof progress>>();
      const onProgress: DemoLoadOptions['onProgress'] = (stage, done, total) => {
        if (!bars.has(stage)) bars.set(stage, progress(stage, total));
        bars.get(stage)!.update(done);
        if (done === total) bars.get(stage)!.stop();
      };
      const tokens = new ApiTokens(new TokenSecret(Buffer.from(secret)));
      const { signal } = signals;
      const load = await runDemoLoad({
        url: running.url,
        tokens,
        customers,
        runId: brand,
        onProgress,
        signal,
      });
      await relayed(running.url, load.draws.length + (load.redeemStatuses.get(200) ?? 0), signal);
      const kafka = new Kafka({
        clientId: 'prizedraw-demo',
        brokers: config.KAFKA_BROKERS,
        logLevel: logLevel.ERROR,
      });
      const events = await countEvents(kafka, topicsOf(config).instantWinEvents, signals.stopped);
      const summary = demoSummary(load, {
        drawn: events.get(EVENT_TYPES.instantWinDrawn) ?? 0,
        redeemed: events.get(EVENT_TYPES.couponRedeemed) ?? 0,
      });
      for (const [title, rows] of summary.tables) table(title, rows);
      say(
        summary.problems.length === 0
          ? '\nchecks: every figure matches the load.'
          : `\nchecks FAILED:\n  ${summary.problems.join('\n  ')}`,
      );
      if (summary.problems.length > 0) process.exitCode = 1;
    } finally {
      await running.close();
      await removeDemoTopics(config.KAFKA_BROKERS, brand, keepTopics);
    }
  } finally {
    signals.dispose();
  }
}
