import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  bind,
  createDataCodec,
  type DataCodec,
  type DrawCompleted,
  type DrawResult,
  decodeEvent,
  EVENT_TYPES,
  encodeEvent,
  REGISTRY_CONTENT_TYPE,
  toCloudEvent,
} from '@prizedraw/events';
import type { KafkaMessage, Message } from 'kafkajs';
import { createDeployment, type Deployment, e2eDraw } from '../e2e/support/deployment';
import { brokers, produce, readAll, readUntil } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';

// The in-house pipeline with SCHEMA_REGISTRY_URL set (the stack's Apicurio Registry, Confluent-compatible
// API), in one `prizedraw start` process; its results read back by clients that share no code with
// prizedraw: the CloudEvents SDK for Python and Confluent's JSON Schema deserializer, installed by
// scripts/outside-clients.sh (part of scripts/bootstrap.sh).

const registryUrl = process.env.PRIZEDRAW_REGISTRY_URL ?? '';
const PIPELINE = ['ingestion', 'enrichment', 'dedupe', 'ticket-rules', 'ticket-wallet', 'prize-draw'];
const CUSTOMERS = 40;
const STAKE_MINOR = 120; // 50 per ticket: 2 tickets each
const OUTSIDE_PYTHON = join(
  process.env.PRIZEDRAW_CACHE ?? join(homedir(), '.cache/prizedraw'),
  'outside-clients/bin/python',
);
const READER = join(__dirname, 'read_cloudevents.py');

const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

/** One stake per customer; every other one as plain JSON, as from an upstream that has no registry. */
function stakes(promoCode: string, codec: DataCodec, topic: string): Message[] {
  return Array.from({ length: CUSTOMERS }, (_, c) => {
    const accountId = `cust-${c}`;
    const data = {
      accountId,
      promoCode,
      activityId: `${accountId}-bet`,
      stakeMinor: STAKE_MINOR,
      currency: 'GBP',
    };
    const event = toCloudEvent(bind(data), { type: EVENT_TYPES.stake, source: '/outside/upstream' });
    return encodeEvent(event, { key: accountId, topic, ...(c % 2 === 0 && { dataCodec: codec }) });
  });
}

/** What the registry says its schema id `id` is, at the URL a record's dataschema names. */
function expectRegistryFramed(message: KafkaMessage): void {
  const value = message.value!;
  expect(value[0]).toBe(0);
  const schemaId = value.readInt32BE(1);
  expect(header(message, 'content-type')).toBe(REGISTRY_CONTENT_TYPE);
  expect(header(message, 'ce_dataschema')).toBe(`${registryUrl}/schemas/ids/${schemaId}`);
}

interface OutsideEvent {
  key: string;
  attributes: Record<string, string>;
  data: unknown;
}

/** Runs the outside reader over `topic` until it has read `count` records. */
async function readWithOutsideClients(topic: string, count: number): Promise<OutsideEvent[]> {
  const args = [READER, '--brokers', brokers().join(','), '--topic', topic, '--registry', registryUrl];
  const { stdout } = await promisify(execFile)(OUTSIDE_PYTHON, [...args, '--count', String(count)], {
    timeout: 90_000,
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OutsideEvent);
}

describe('with SCHEMA_REGISTRY_URL set', () => {
  let deployment: Deployment;
  let services: ServiceProcess | undefined;
  let results: KafkaMessage[];
  const drawId = () => `draw-${deployment.env.BRAND}`;

  beforeAll(async () => {
    if (!registryUrl)
      throw new Error('PRIZEDRAW_REGISTRY_URL is not set: eval "$(deploy/local/stack env)" first');
    deployment = await createDeployment();
    const { topics } = deployment;
    const codec = await createDataCodec({ schemaRegistryUrl: registryUrl });
    const draw = e2eDraw(drawId());
    const defined = toCloudEvent(bind(draw), { type: EVENT_TYPES.drawDefined, source: '/outside/operator' });
    const topic = topics.definitions;
    await produce(topic, [encodeEvent(defined, { key: draw.drawId, dataCodec: codec, topic })]);
    services = await startServiceProcess(
      PIPELINE,
      { ...deployment.env, SCHEMA_REGISTRY_URL: registryUrl, LOG_LEVEL: 'error' },
      { readyTimeoutMs: 90_000 },
    );
    await produce(topics.activity, stakes(draw.promoCode, codec, topics.activity));
    const trigger = toCloudEvent(bind({ drawId: draw.drawId }), {
      type: EVENT_TYPES.drawTrigger,
      source: '/outside/operator',
    });
    await produce(topics.triggers, [
      encodeEvent(trigger, { key: draw.drawId, dataCodec: codec, topic: topics.triggers }),
    ]);
    const completed = (messages: readonly KafkaMessage[]) =>
      messages.some((m) => header(m, 'ce_type') === EVENT_TYPES.drawCompleted);
    await readUntil(topics.results, completed, 90_000);
    results = await readAll(topics.results);
  }, 180_000);

  afterAll(() => services?.stop(), 60_000);

  it('when activity arrives in both framings, then every entrant gets one result and every record the services wrote is registry-framed', async () => {
    const events = results.map((message) => decodeEvent(message));
    const drawResults = events
      .filter((e) => e.type === EVENT_TYPES.drawResult)
      .map((e) => e.data as DrawResult);
    expect(drawResults.map((r) => r.accountId).sort()).toEqual(
      Array.from({ length: CUSTOMERS }, (_, c) => `cust-${c}`).sort(),
    );
    for (const result of drawResults) expect(result.tickets).toBe(2);
    expect(events.filter((e) => e.type === EVENT_TYPES.drawCompleted).map((e) => e.data)).toEqual([
      expect.objectContaining({ drawId: drawId(), entrants: CUSTOMERS, tickets: 2 * CUSTOMERS }),
    ]);
    const { topics } = deployment;
    for (const topic of [topics.ingested, topics.enriched, topics.relevant, topics.tickets, topics.runs]) {
      const written = await readAll(topic);
      expect(written.length).toBeGreaterThan(0);
      for (const message of written) expectRegistryFramed(message);
    }
    for (const message of results) expectRegistryFramed(message);
  });

  it('when an entry is posted to POST /v1/entries, then the HTTP producer writes it registry-framed too', async () => {
    const entryId = `http-${deployment.env.BRAND}`;
    const response = await fetch(`${services!.url}/v1/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entryId, utmContent: 'spring', email: 'ann@example.com' }),
    });
    expect(response.status).toBe(202);
    const posted = (messages: readonly KafkaMessage[]) =>
      messages.find((m) => header(m, 'ce_id') === `http:${entryId}`);
    const activity = await readUntil(deployment.topics.activity, (messages) => !!posted(messages));
    expectRegistryFramed(posted(activity)!);
    expect(decodeEvent(posted(activity)!).data).toMatchObject({ entryId, email: 'ann@example.com' });
  });

  it('when an outside client reads the results with the CloudEvents SDK and the Confluent deserializer, then it gets the events prizedraw wrote', async () => {
    const outside = await readWithOutsideClients(deployment.topics.results, results.length);
    const ours = results.map((message) => decodeEvent(message));
    const byId = new Map(outside.map((event) => [event.attributes.id, event]));
    expect(byId.size).toBe(ours.length);
    for (const event of ours) {
      const read = byId.get(event.id)!;
      expect(read).toBeDefined();
      expect(read.attributes).toMatchObject({
        type: event.type,
        source: '/prizedraw/prize-draw',
        datacontenttype: REGISTRY_CONTENT_TYPE,
        dataschema: event.dataschema,
      });
      expect(read.data).toEqual(event.data);
    }
    const completed = outside.filter((event) => event.attributes.type === EVENT_TYPES.drawCompleted);
    expect(completed.map((event) => (event.data as DrawCompleted).entrants)).toEqual([CUSTOMERS]);
  });
});
