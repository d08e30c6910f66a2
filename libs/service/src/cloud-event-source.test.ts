import { bind, EVENT_TYPES, encodeEvent, toCloudEvent, type ValidatedEvent } from '@prizedraw/events';
import {
  DeadLetterHeaders,
  type Processor,
  type ProcessorContext,
  type Record,
  Topology,
  TopologyTestDriver,
} from '@prizedraw/stream';
import { cloudEventSink, cloudEventSource, type Outbound, outbound } from './cloud-event-serdes';

// cloudEventSource is the source of every service's topology: its record key is the customer and its ce_id the
// idempotency key, so a key or a CloudEvent header that is not UTF-8 must stop there (dead-lettered) rather
// than travel on rewritten.

const IN = 'keys.in';
const OUT = 'keys.out';

/** Forwards every record unchanged, keyed as it came. */
class PassThrough implements Processor<string | null, ValidatedEvent, string | null, Outbound> {
  #context!: ProcessorContext<string | null, Outbound>;

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    return this.#context.forward(
      record.withValue(outbound(record.value.type, record.value.data, record.value)),
    );
  }
}

const topology = () =>
  new Topology()
    .addSource('in', cloudEventSource(IN))
    .addProcessor('pass', () => new PassThrough(), 'in')
    .addSink('out', cloudEventSink(OUT, 'keys-test'), 'pass');

const trigger = (key: Buffer | string, drawId: string, headers: { [name: string]: Buffer } = {}) => {
  const encoded = encodeEvent(
    toCloudEvent(bind({ drawId }), { type: EVENT_TYPES.drawTrigger, source: '/test' }),
  );
  return { key, value: encoded.value, headers: { ...encoded.headers, ...headers }, partition: 0 };
};

describe('cloudEventSource record keys', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(topology());
  });
  afterEach(() => driver.close());

  it('when a key is not valid UTF-8, then the record is dead-lettered with the reason and its key bytes, and the records around it pass', async () => {
    await driver.pipeInput(IN, trigger('d-1', 'd-1'));
    await driver.pipeInput(IN, trigger(Buffer.from([0x64, 0x2d, 0xff, 0xfe]), 'd-2'));
    await driver.pipeInput(IN, trigger('d-3', 'd-3'));

    expect(driver.readOutput(OUT).map((o) => o.key)).toEqual(['d-1', 'd-3']);
    const [dead, ...more] = driver.readOutput(`${IN}.dlq`);
    expect(more).toEqual([]);
    expect(dead!.key).toEqual(Buffer.from([0x64, 0x2d, 0xff, 0xfe]));
    expect(dead!.headers[DeadLetterHeaders.reason]).toBe(
      'Cannot decode record as a CloudEvent: record key is not valid UTF-8: 0x642dfffe',
    );
    expect(dead!.headers[DeadLetterHeaders.error]).toBe('DecodeError');
    expect(dead!.headers[DeadLetterHeaders.originTopic]).toBe(IN);
    expect(dead!.headers[DeadLetterHeaders.originOffset]).toBe('1');
  });

  it('when a key is UTF-8 beyond ASCII, then it is kept exactly', async () => {
    await driver.pipeInput(IN, trigger('Zoë-😀', 'd-1'));

    expect(driver.readOutput(OUT).map((o) => o.key)).toEqual(['Zoë-😀']);
    expect(driver.readOutput(`${IN}.dlq`)).toEqual([]);
  });
});

describe('cloudEventSource header values', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(topology());
  });
  afterEach(() => driver.close());

  const BAD = Buffer.from([0xff, 0xfe]);
  // A binary header that is not the CloudEvent's (Spring writes its correlation id as raw bytes).
  const CORRELATION = Buffer.from([0x01, 0xff]);

  it.each(['ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'ce_brand', 'content-type'])(
    'when the %s header is not valid UTF-8, then the record is dead-lettered naming the header, with its bytes, and the records around it pass',
    async (name) => {
      await driver.pipeInput(IN, trigger('d-1', 'd-1'));
      await driver.pipeInput(
        IN,
        trigger('d-2', 'd-2', {
          [name]: BAD,
          traceparent: Buffer.from('00-a-b-01'),
          kafka_correlationId: CORRELATION,
        }),
      );
      await driver.pipeInput(IN, trigger('d-3', 'd-3'));

      expect(driver.readOutput(OUT).map((o) => o.key)).toEqual(['d-1', 'd-3']);
      const [dead, ...more] = driver.readOutput(`${IN}.dlq`);
      expect(more).toEqual([]);
      expect(dead!.headers[DeadLetterHeaders.reason]).toBe(
        `Cannot decode record as a CloudEvent: header ${name} is not valid UTF-8: 0xfffe`,
      );
      expect(dead!.headers[DeadLetterHeaders.originOffset]).toBe('1');
      expect(dead!.headers[name]).toEqual(BAD);
      expect(dead!.headers.traceparent).toEqual(Buffer.from('00-a-b-01'));
      expect(dead!.headers.kafka_correlationId).toEqual(CORRELATION);
      expect(dead!.headers.ce_specversion).toBe('1.0');
    },
  );

  it('when a header the CloudEvent reading does not use is not valid UTF-8, then the record passes', async () => {
    await driver.pipeInput(IN, trigger('d-1', 'd-1', { kafka_correlationId: CORRELATION }));

    expect(driver.readOutput(OUT).map((o) => o.key)).toEqual(['d-1']);
    expect(driver.readOutput(`${IN}.dlq`)).toEqual([]);
  });
});

describe('cloudEventSource data', () => {
  let driver: TopologyTestDriver;
  beforeEach(async () => {
    driver = await TopologyTestDriver.create(topology());
  });
  afterEach(() => driver.close());

  // Valid JSON whose drawId string carries the bytes ff fe: read leniently it was the draw `d-\ufffd\ufffd`.
  const badData = Buffer.concat([Buffer.from('{"drawId":"d-'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);

  it('when the data is not valid UTF-8 inside valid JSON, then the record is dead-lettered with the reason and its value, and the records around it pass', async () => {
    await driver.pipeInput(IN, trigger('d-1', 'd-1'));
    await driver.pipeInput(IN, { ...trigger('d-2', 'd-2'), value: badData });
    await driver.pipeInput(IN, trigger('d-3', 'd-3'));

    expect(driver.readOutput(OUT).map((o) => o.key)).toEqual(['d-1', 'd-3']);
    const [dead, ...more] = driver.readOutput(`${IN}.dlq`);
    expect(more).toEqual([]);
    expect(dead!.value).toEqual(badData);
    expect(dead!.headers[DeadLetterHeaders.reason]).toBe(
      `Cannot decode record as a CloudEvent: data is not valid UTF-8: 0x${badData.toString('hex')}`,
    );
    expect(dead!.headers[DeadLetterHeaders.error]).toBe('DecodeError');
    expect(dead!.headers[DeadLetterHeaders.originOffset]).toBe('1');
  });
});
