import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bind, EVENT_TYPES, encodeEvent, type Stake, type TopicNames, toCloudEvent } from '@prizedraw/events';
import { parseConfig, type RunningServices, runServices, topicsOf } from '@prizedraw/service';
import { DeadLetterHeaders } from '@prizedraw/stream';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { e2eDraw } from '../../../test/e2e/support/deployment';
import { brokers, produce, readAll, readUntil, uniqueName } from '../../../test/support/kafka';
import { ingestionConfigSchema, ingestionService } from '../src';

// An outside client (kcat, librdkafka) may produce any bytes as a key, a header value or inside the JSON
// data. Bytes that are not UTF-8 used to be read leniently, turned into U+FFFD, and the record carried on
// under a key, an event id or an accountId nobody sent. Here the ingestion service runs against the real
// broker and such a record must land on the dead-letter topic, its bytes and headers unchanged.

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
    PARTITIONS: '4',
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

describe('ingestion, a record key, a CloudEvent header or data that is not UTF-8, and what a dead letter keeps', () => {
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

  it('when an activity record has data bytes ff fe in its accountId inside valid JSON, then it is dead-lettered with the reason, its value unchanged, and the records around it pass', async () => {
    const bad = event(EVENT_TYPES.stake, stake('acc-bad-data'), 'acc-bad-data');
    const json = (bad.value as Buffer).toString();
    const at = json.indexOf('acc-bad-data') + 'acc-'.length;
    // The accountId's bytes are 'acc-' ff fe 'bad-data'; read leniently, the account 'acc-\ufffd\ufffdbad-data'.
    const value = Buffer.concat([Buffer.from(json.slice(0, at)), BAD_BYTES, Buffer.from(json.slice(at))]);
    await produce(topics.activity, [
      { ...event(EVENT_TYPES.stake, stake('acc-data-before'), 'acc-data-before'), partition: 2 },
      { ...bad, value, partition: 2 },
      { ...event(EVENT_TYPES.stake, stake('acc-data-after'), 'acc-data-after'), partition: 2 },
    ]);

    const ingested = await ingestedKeysAfter('acc-data-after');
    expect(ingested).toEqual(expect.arrayContaining(['acc-data-after', 'acc-data-before']));
    expect(ingested).not.toContain('acc-bad-data');
    expect(ingested.filter((key) => key?.includes('\ufffd'))).toEqual([]);

    const { letter, header } = await deadLetterOf(2);
    expect(letter.key?.toString()).toBe('acc-bad-data');
    expect(letter.value).toEqual(value);
    expect(header(DeadLetterHeaders.reason)).toMatch(
      /: data is not valid UTF-8: 0x7b226163636f756e744964223a226163632dfffe/,
    );
    expect(header(DeadLetterHeaders.error)).toBe('DecodeError');
    expect(header('ce_id')).toBe(bad.headers.ce_id);
  });

  it('when a record failing validation has a repeated header and a header without a value, then its dead letter carries every value, in order, and the null', async () => {
    const bad = event(EVENT_TYPES.stake, { ...stake('acc-invalid'), stakeMinor: 'lots' }, 'acc-invalid');
    const extra = {
      traceparent: [Buffer.from('00-first-01'), Buffer.from('00-second-01')],
      'x-empty': null,
      'x-bytes': Buffer.from([0x01, 0xff]),
    };
    // KafkaJS writes a null value as a header without one, though its type does not say so.
    const headers = { ...bad.headers, ...extra } as unknown as IHeaders;
    await produce(topics.activity, [
      { ...bad, headers, partition: 3 },
      { ...event(EVENT_TYPES.stake, stake('acc-valid-after'), 'acc-valid-after'), partition: 3 },
    ]);

    await ingestedKeysAfter('acc-valid-after');
    const { letter, header } = await deadLetterOf(3);
    expect(header(DeadLetterHeaders.error)).toBe('ValidationError');
    expect(header(DeadLetterHeaders.reason)).toMatch(/stakeMinor/);
    const { traceparent, 'x-empty': empty, 'x-bytes': bytes } = letter.headers!;
    expect(traceparent).toEqual(extra.traceparent);
    expect(empty).toBeNull();
    expect(bytes).toEqual(extra['x-bytes']);
    for (const [name, text] of Object.entries(bad.headers)) expect(header(name)).toBe(text);
  });
});
