import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataCodec, EVENT_TYPES, SeedDirectory, withSeedCommitment } from '@prizedraw/events';
import { ApiTokens, apiTokenConfigSchema } from '@prizedraw/http-api';
import { type BaseConfig, baseConfigSchema, parseConfig, topicsOf } from '@prizedraw/service';
import { deadLetterTopicOf, readTopic } from '@prizedraw/stream';
import { Kafka, logLevel, type Message, Partitioners, type Producer } from 'kafkajs';
import { demoDraw } from '../demo/demo-draw';
import { printDemoSummary } from '../demo/demo-summary';
import { removeDemoTopics } from '../demo/demo-topics';
import { demoEvent, generateActivity } from '../demo/generate-activity';
import { notificationsFigures, notificationsSettings } from '../demo/notifications-figures';
import { startPipelineProcess } from '../demo/pipeline-process';
import { stopSignals } from '../demo/stop-signals';
import { watchResults } from '../demo/watch-results';
import { progress, say } from '../output';
import { ALL, FUSED_PIPELINE, FUSED_STAGES, start } from './start';
import { verify } from './verify';

export interface DemoOptions {
  customers: number;
  /** Leaves the demo's topics on the broker when it ends (to look at them); `--keep-topics`. */
  keepTopics: boolean;
}

const SEND_BATCH = 2000;

// Run in the demo's process: the draw pipeline but its fused stages, which have a process of their own
// (demo/pipeline-process.ts), and telling customers (docs/notifications.md): nobody is on site, so every
// message the decisions call for goes to the message queue topic.
const IN_THIS_PROCESS = [
  ...ALL.filter((name) => !FUSED_STAGES.includes(name)),
  'decisions',
  'notifications',
  'onsite-gateway',
  'console',
];

/**
 * The demo settings: the environment's, but always a brand of its own (so every run has fresh topics and a
 * fresh draw) and state in a temporary folder; quiet logs unless LOG_LEVEL says otherwise.
 */
async function demoEnv(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const stateDir = await mkdtemp(join(tmpdir(), 'prizedraw-demo-'));
  return {
    LOG_LEVEL: 'error',
    // The draw's seed, beside the state: the demo's wallet and draw service are this process.
    SEED_DIR: join(stateDir, 'seeds'),
    ...env,
    BRAND: `demo-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`,
    STATE_DIR: stateDir,
  };
}

async function send(producer: Producer, topic: string, messages: Message[]) {
  await producer.send({ topic, messages, acks: -1 });
}

/** Sends in batches, acknowledged by all replicas, with a progress bar, until `halted` rejects. */
async function sendWithProgress(
  producer: Producer,
  topic: string,
  messages: Message[],
  halted: Promise<never>,
) {
  const sending = progress('activity sent', messages.length);
  for (let i = 0; i < messages.length; i += SEND_BATCH) {
    await Promise.race([send(producer, topic, messages.slice(i, i + SEND_BATCH)), halted]);
    sending.update(Math.min(messages.length, i + SEND_BATCH));
  }
  sending.stop();
}

/** Committed records in a topic (offsets would overcount: transaction markers take offsets too). */
async function countRecords(kafka: Kafka, topic: string): Promise<number> {
  let count = 0;
  const reader = await readTopic(kafka, topic, () => {
    count++;
  });
  await reader.caughtUp.finally(() => reader.stop());
  return count;
}

/** Shows `read()` against `total` on a progress bar until `done` settles, and returns what it gives. */
async function showProgress<T>(
  label: string,
  total: number,
  read: () => number | Promise<number>,
  done: Promise<T>,
): Promise<T> {
  const bar = progress(label, total);
  const show = async () => bar.update(Math.min(total, await read()));
  const timer = setInterval(() => void show(), 250);
  try {
    return await done;
  } finally {
    clearInterval(timer);
    await show();
    bar.stop();
  }
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 250));
}

/** Reads one counter of the running services' Prometheus metrics, 0 when absent. */
async function metric(url: string, line: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = text.split('\n').find((l) => line.test(l));
  return match ? Number(match.split(' ').at(-1)) : 0;
}

/**
 * `prizedraw demo`: starts every service on fresh topics (the fused stages in a second process, the others in
 * this one), defines a draw, sends a realistic load of activity (skewed stakes, awards, retries, broken
 * records), triggers the draw and prints what came out, checked against what the load should give.
 */
export async function demo(options: DemoOptions, env = process.env): Promise<void> {
  const settings = notificationsSettings(await demoEnv(env));
  const signals = stopSignals();
  try {
    const config: BaseConfig = parseConfig(baseConfigSchema, settings);
    try {
      await runDemo(options, settings, config, signals.stopped);
    } finally {
      await removeDemoTopics(config.KAFKA_BROKERS, config.BRAND, options.keepTopics);
    }
  } finally {
    signals.dispose();
    // The state is this run's alone (a fresh brand): kept, each run of 50,000 customers left ~32 MB behind.
    await rm(settings.STATE_DIR!, { recursive: true, force: true });
  }
}

async function runDemo(
  { customers }: DemoOptions,
  settings: NodeJS.ProcessEnv,
  config: BaseConfig,
  stopped: Promise<never>,
): Promise<void> {
  const topics = topicsOf(config);
  const drawId = `${config.BRAND}-draw`;
  const draw = await withSeedCommitment(demoDraw(drawId), new SeedDirectory(settings.SEED_DIR!));
  say(
    `prizedraw demo: brand ${config.BRAND}, ${customers.toLocaleString('en-US')} customers, draw ${drawId}`,
  );

  const pipeline = await startPipelineProcess({
    ...settings,
    HTTP_PORT: '0',
    STATE_DIR: join(settings.STATE_DIR!, 'pipeline'),
  });
  // The console's Health page shows both processes (when this one's port is known before it listens).
  const ownUrl = config.HTTP_PORT === 0 ? [] : [`http://${config.HTTP_HOST}:${config.HTTP_PORT}`];
  const running = await start(IN_THIS_PROCESS, {
    CONSOLE_SERVICE_URLS: [...ownUrl, pipeline.url].join(','),
    ...settings,
  });
  // Every wait races it: the pipeline's process died, or a signal asked the demo to stop.
  const halted = Promise.race([pipeline.failed, stopped]);
  halted.catch(() => undefined);
  // The operations console shows the draw live (docs/console.md); the token is signed with this run's secret.
  const operator = new ApiTokens(parseConfig(apiTokenConfigSchema, settings).apiTokenSecret).issue({
    role: 'operator',
    subject: 'demo',
    ttlSeconds: 3600,
  });
  say(`console: ${running.url}/console/#/draws/${drawId} (operator token: ${operator})`);
  const kafka = new Kafka({
    clientId: 'prizedraw-demo',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const dataCodec = await createDataCodec({ schemaRegistryUrl: config.SCHEMA_REGISTRY_URL });
  try {
    const definition = demoEvent(EVENT_TYPES.drawDefined, drawId, draw, dataCodec);
    await send(producer, topics.definitions, [definition]);
    const load = generateActivity({
      promoCode: draw.promoCode,
      customers,
      stakePerTicketMinor: draw.stakePerTicketMinor!,
      dataCodec,
    });
    const results = await watchResults(kafka, topics.results, drawId, load.expectedTickets);

    const started = Date.now();
    // Sent, the records are let go: those of 50,000 customers held 146 MB of heap and 46 MB of buffers, which
    // every full garbage collection of this process marked again until the demo ended.
    await sendWithProgress(producer, topics.activity, load.messages.splice(0), halted);
    const sent = Date.now();

    await send(producer, topics.triggers, [
      demoEvent(EVENT_TYPES.drawTrigger, drawId, { drawId }, dataCodec),
    ]);
    // Valid activity (repeats too) past ingestion, read by enrichment: apart, or the first of the fused stages.
    const counted = new RegExp(
      `^prizedraw_stream_records_consumed_total\\{application="prizedraw-${config.BRAND}-(?:enrichment|${FUSED_PIPELINE})",topic="${topics.ingested}"`,
    );
    const activity = load.stakes + load.awards + load.duplicates;
    const processed = () => metric(pipeline.url, counted);
    await showProgress(
      'activity processed',
      activity,
      processed,
      Promise.race([waitFor(async () => (await processed()) >= activity), results.done, halted]),
    );
    const outcome = await showProgress(
      'results received',
      load.expectedTickets.size,
      () => results.outcome.results,
      Promise.race([results.done, halted]),
    );
    const completedAt = Date.now();
    await results.stop();
    const notificationInputs = [
      topics.results,
      topics.ticketUpdates,
      topics.unqualified,
      topics.instantWinEvents,
    ];
    let inputRecords = 0;
    for (const topic of notificationInputs) inputRecords += await countRecords(kafka, topic);
    const notifications = await Promise.race([
      notificationsFigures(running.url, config.BRAND, inputRecords),
      halted,
    ]);

    const figures = {
      draw,
      customers,
      load,
      outcome,
      deadLettered: await countRecords(kafka, deadLetterTopicOf(topics.activity)),
      duplicatesDropped: await metric(pipeline.url, /^prizedraw_dedupe_dropped_total\{reason="duplicate"/),
      times: { started, sent, completed: completedAt },
      notifications,
    };
    if (printDemoSummary(figures).length > 0) process.exitCode = 1;
    say();
    // verify sets the exit code itself when the draw does not verify.
    await verify(config, drawId);
  } finally {
    await producer.disconnect();
    await Promise.all([running.close(), pipeline.close()]);
  }
}
