import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bind, EVENT_TYPES, encodeEvent, type Stake, type TopicNames, toCloudEvent } from '@prizedraw/events';
import { parseConfig, type RunningServices, runServices, topicsOf } from '@prizedraw/service';
import { DeadLetterHeaders } from '@prizedraw/stream';
import type { KafkaMessage } from 'kafkajs';
import { e2eDraw } from '../../../test/e2e/support/deployment';
import { brokers, produce, readAll, readUntil, uniqueName } from '../../../test/support/kafka';
import { ingestionConfigSchema, ingestionService } from '../src';

// An outside client (kcat, librdkafka) may produce any bytes as a key. One that is not UTF-8 used to be read
// leniently, its bad bytes turned into U+FFFD, and the record carried on under a key nobody sent. Here the
// ingestion service runs against the real broker and such a record must land on the dead-letter topic.

const BAD_KEY = Buffer.from([0xff, 0xfe]);

let running: RunningServices | undefined;
let stateDir: string;
let topics: TopicNames;

const draw = e2eDraw('keys-draw');

const stake = (accountId: string): Stake => ({
  accountId,
  promoCode: draw.promoCode,
  activityId: `bet-${accountId}`,
  stakeMinor: 500,
  currency: 'GBP',
});

function event(type: string, data: unknown, key: Buffer | string) {
  return encodeEvent(toCloudEvent(bind(data), { type, source: '/outside/client' }), { key });
}

const keyOf = (message: KafkaMessage) => message.key?.toString('hex');

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'prizedraw-keys-'));
  const env = {
    KAFKA_BROKERS: brokers().join(','),
    BRAND: uniqueName('keys'),
    PARTITIONS: '2',
    STATE_DIR: stateDir,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const config = parseConfig(ingestionConfigSchema, env);
  topics = topicsOf(config);
  running = await runServices([ingestionService(config)], config);
  await produce(topics.definitions, [event(EVENT_TYPES.drawDefined, draw, draw.drawId)]);
});

afterAll(async () => {
  await running?.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('ingestion, a record key that is not UTF-8', () => {
  it('when an activity record has key bytes ff fe, then it is dead-lettered with the reason and origin, and the records around it pass', async () => {
    await produce(topics.activity, [
      { ...event(EVENT_TYPES.stake, stake('acc-before'), 'acc-before'), partition: 0 },
      { ...event(EVENT_TYPES.stake, stake('acc-bad'), BAD_KEY), partition: 0 },
      { ...event(EVENT_TYPES.stake, stake('acc-after'), 'acc-after'), partition: 0 },
    ]);
    const badOffset = (await readAll(topics.activity)).find((m) => keyOf(m) === 'fffe')!.offset;

    await readUntil(topics.ingested, (read) => read.some((m) => m.key?.toString() === 'acc-after'));
    const ingested = await readAll(topics.ingested);
    expect(ingested.map((m) => m.key?.toString()).sort()).toEqual(['acc-after', 'acc-before']);

    const dead = await readAll(`${topics.activity}.dlq`);
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    const header = (name: string) => letter!.headers?.[name]?.toString();
    expect(letter!.key).toEqual(BAD_KEY);
    expect(JSON.parse(letter!.value!.toString())).toMatchObject({ accountId: 'acc-bad' });
    expect(header(DeadLetterHeaders.reason)).toMatch(/record key is not valid UTF-8: 0xfffe/);
    expect(header(DeadLetterHeaders.error)).toBe('DecodeError');
    expect(header(DeadLetterHeaders.originTopic)).toBe(topics.activity);
    expect(header(DeadLetterHeaders.originPartition)).toBe('0');
    expect(header(DeadLetterHeaders.originOffset)).toBe(badOffset);

    expect((await fetch(`${running!.url}/health/ready`)).status).toBe(200);
  });
});
