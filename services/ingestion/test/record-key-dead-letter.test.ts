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

// An outside client (kcat, librdkafka) may produce any bytes as a key or a header value. One that is not
// UTF-8 used to be read leniently, its bad bytes turned into U+FFFD, and the record carried on under a key or
// an event id nobody sent. Here the ingestion service runs against the real broker and such a record must
// land on the dead-letter topic, its bytes unchanged.

const BAD_BYTES = Buffer.from([0xff, 0xfe]);

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

/** The one dead letter of `partition` of the activity topic (each test produces to a partition of its own). */
async function deadLetterOf(partition: number) {
  const dead = (await readAll(`${topics.activity}.dlq`)).filter(
    (m) => m.headers?.[DeadLetterHeaders.originPartition]?.toString() === String(partition),
  );
  expect(dead).toHaveLength(1);
  const letter = dead[0]!;
  return { letter, header: (name: string) => letter.headers?.[name]?.toString() };
}

/** Waits for the record of `last` to be ingested, then the keys of every ingested record. */
async function ingestedKeysAfter(last: string): Promise<(string | undefined)[]> {
  await readUntil(topics.ingested, (read) => read.some((m) => m.key?.toString() === last));
  return (await readAll(topics.ingested)).map((m) => m.key?.toString()).sort();
}

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

describe('ingestion, a record key or a CloudEvent header that is not UTF-8', () => {
  it('when an activity record has key bytes ff fe, then it is dead-lettered with the reason and origin, and the records around it pass', async () => {
    await produce(topics.activity, [
      { ...event(EVENT_TYPES.stake, stake('acc-before'), 'acc-before'), partition: 0 },
      { ...event(EVENT_TYPES.stake, stake('acc-bad'), BAD_BYTES), partition: 0 },
      { ...event(EVENT_TYPES.stake, stake('acc-after'), 'acc-after'), partition: 0 },
    ]);
    const badOffset = (await readAll(topics.activity)).find((m) => keyOf(m) === 'fffe')!.offset;

    const ingested = await ingestedKeysAfter('acc-after');
    expect(ingested).toEqual(expect.arrayContaining(['acc-after', 'acc-before']));
    expect(ingested).not.toContain('acc-bad');

    const { letter, header } = await deadLetterOf(0);
    expect(letter.key).toEqual(BAD_BYTES);
    expect(JSON.parse(letter.value!.toString())).toMatchObject({ accountId: 'acc-bad' });
    expect(header(DeadLetterHeaders.reason)).toMatch(/record key is not valid UTF-8: 0xfffe/);
    expect(header(DeadLetterHeaders.error)).toBe('DecodeError');
    expect(header(DeadLetterHeaders.originTopic)).toBe(topics.activity);
    expect(header(DeadLetterHeaders.originPartition)).toBe('0');
    expect(header(DeadLetterHeaders.originOffset)).toBe(badOffset);

    expect((await fetch(`${running!.url}/health/ready`)).status).toBe(200);
  });

  it('when an activity record has ce_id header bytes ff fe, then it is dead-lettered with the reason, the original header bytes and origin, and the records around it pass', async () => {
    const badId = event(EVENT_TYPES.stake, stake('acc-bad-id'), 'acc-bad-id');
    await produce(topics.activity, [
      { ...event(EVENT_TYPES.stake, stake('acc-id-before'), 'acc-id-before'), partition: 1 },
      { ...badId, headers: { ...badId.headers, ce_id: BAD_BYTES }, partition: 1 },
      { ...event(EVENT_TYPES.stake, stake('acc-id-after'), 'acc-id-after'), partition: 1 },
    ]);
    const badOffset = (await readAll(topics.activity)).find(
      (m) => m.key?.toString() === 'acc-bad-id',
    )!.offset;

    const ingested = await ingestedKeysAfter('acc-id-after');
    expect(ingested).toEqual(expect.arrayContaining(['acc-id-after', 'acc-id-before']));
    expect(ingested).not.toContain('acc-bad-id');

    const { letter, header } = await deadLetterOf(1);
    expect(letter.key?.toString()).toBe('acc-bad-id');
    expect(letter.headers?.ce_id).toEqual(BAD_BYTES);
    expect(header('ce_type')).toBe(EVENT_TYPES.stake);
    expect(header(DeadLetterHeaders.reason)).toMatch(/header ce_id is not valid UTF-8: 0xfffe/);
    expect(header(DeadLetterHeaders.error)).toBe('DecodeError');
    expect(header(DeadLetterHeaders.originTopic)).toBe(topics.activity);
    expect(header(DeadLetterHeaders.originOffset)).toBe(badOffset);
  });
});
