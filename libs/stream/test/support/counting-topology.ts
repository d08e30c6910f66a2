import {
  type Binder,
  bind,
  decodeAndValidate,
  EVENT_TYPES,
  encodeEvent,
  type Stake,
  stamp,
  toCloudEvent,
  type ValidatedEvent,
} from '@prizedraw/events';
import { type Processor, type ProcessorContext, type RawMessage, Record, Topology } from '../../src';

/** What the counting topology writes per input stake: the customer's running count and total. */
export interface StakeCount {
  accountId: string;
  activityId: string;
  count: number;
  totalMinor: number;
}

export const COUNT_TYPE = 'prizedraw.test.stake-count.v1';

class CountProcessor implements Processor<string, ValidatedEvent, string, Binder<StakeCount>> {
  #context!: ProcessorContext<string, Binder<StakeCount>>;

  init(context: ProcessorContext<string, Binder<StakeCount>>): void {
    this.#context = context;
  }

  async process(record: Record<string, ValidatedEvent>): Promise<void> {
    const stake = record.value.data as Stake;
    const counts = this.#context.getStateStore<{ count: number; totalMinor: number }>('counts');
    const previous = (await counts.get(stake.accountId)) ?? { count: 0, totalMinor: 0 };
    const next = { count: previous.count + 1, totalMinor: previous.totalMinor + stake.stakeMinor };
    counts.put(stake.accountId, next);
    const count = { accountId: stake.accountId, activityId: stake.activityId, ...next };
    await this.#context.forward(record.withValue(stamp(bind(count, record.value), 'count.process')));
  }
}

/**
 * A stateful topology used by the runtime's tests and benchmark: counts stake events per customer in a
 * store and writes every running count as a CloudEvent carrying the input's timeline.
 */
export function countingTopology(topics: { input: string; output: string; secondInput?: string }): Topology {
  const stakes = (topic: string) => ({
    topic,
    deserializer: (message: RawMessage) => {
      const event = decodeAndValidate(message);
      if (event.type !== EVENT_TYPES.stake) throw new Error(`unexpected ${event.type}`);
      return new Record(event.data.accountId, event, message.timestamp);
    },
  });
  const topology = new Topology().addSource('stakes', stakes(topics.input));
  // Stakes from a second, co-partitioned topic count towards the same totals, as a task of two sources.
  if (topics.secondInput !== undefined) topology.addSource('more-stakes', stakes(topics.secondInput));
  const sources = topics.secondInput === undefined ? ['stakes'] : ['stakes', 'more-stakes'];
  return topology
    .addProcessor('count', () => new CountProcessor(), ...sources)
    .addStateStore({ name: 'counts' }, 'count')
    .addSink(
      'counts',
      {
        topic: topics.output,
        serializer: (record: Record<string, Binder<StakeCount>>) => {
          const event = toCloudEvent(stamp(record.value, 'count.out'), {
            type: COUNT_TYPE,
            source: '/prizedraw/test',
          });
          return encodeEvent(event, { key: record.key });
        },
      },
      'count',
    );
}

/** A stake event as an upstream system would produce it, with a timeline starting now. */
export function buildStakeMessage(overrides: Partial<Stake> = {}, time = new Date().toISOString()) {
  const stake: Stake = {
    accountId: 'acc-1',
    promoCode: 'PROMO',
    activityId: 'a-1',
    stakeMinor: 100,
    currency: 'EUR',
    ...overrides,
  };
  const event = toCloudEvent(bind(stake), { type: EVENT_TYPES.stake, source: '/test/cpp', time });
  return encodeEvent(event, { key: stake.accountId });
}
