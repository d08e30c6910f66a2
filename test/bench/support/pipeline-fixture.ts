import { randomUUID } from 'node:crypto';
import {
  bind,
  type DrawDefined,
  EVENT_TYPES,
  encodeEvent,
  type TopicNames,
  toCloudEvent,
} from '@prizedraw/events';
import { baseConfigSchema, ensurePipelineTopics, parseConfig, topicsOf } from '@prizedraw/service';
import type { Message } from 'kafkajs';
import { brokers, kafka, produce, uniqueName } from '../../support/kafka';

// A fresh deployment (brand) for one benchmark run: its topics, a draw, and CloudEvent builders.

export interface BenchDeployment {
  /** Environment for `prizedraw start` in this deployment. */
  env: Record<string, string>;
  topics: TopicNames;
}

export async function createDeployment(partitions = 8): Promise<BenchDeployment> {
  const env = {
    BRAND: uniqueName('bench'),
    DC: 'local',
    KAFKA_BROKERS: brokers().join(','),
    PARTITIONS: String(partitions),
  };
  const config = parseConfig(baseConfigSchema, env);
  const admin = kafka.admin();
  await admin.connect();
  await ensurePipelineTopics(admin, config).finally(() => admin.disconnect());
  return { env, topics: topicsOf(config) };
}

export function eventMessage(
  type: string,
  key: string,
  data: unknown,
  time = new Date().toISOString(),
): Message {
  return encodeEvent(toCloudEvent(bind(data), { type, source: '/prizedraw/bench', subject: key, time }), {
    key,
  });
}

/** An in-house draw where every stake of `stakePerTicketMinor` earns exactly one ticket. */
export function benchDraw(drawId: string, stakePerTicketMinor = 500): DrawDefined {
  return {
    drawId,
    promoCode: `${drawId}-promo`,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    timezone: 'Europe/London',
    administrator: 'in-house',
    stakePerTicketMinor,
    maxWinsPerCustomer: 1,
    milestones: [],
    prizes: [{ prizeId: 'top', name: 'Top prize', quantity: 10 }],
    defaultPrize: null,
    tags: [],
    dedupeOnEmail: false,
  };
}

export async function defineDraw(topics: TopicNames, draw: DrawDefined): Promise<void> {
  await produce(topics.definitions, [eventMessage(EVENT_TYPES.drawDefined, draw.drawId, draw)]);
}

export async function triggerDraw(topics: TopicNames, drawId: string): Promise<void> {
  await produce(topics.triggers, [eventMessage(EVENT_TYPES.drawTrigger, drawId, { drawId })]);
}

/** `count` stakes of one ticket each, spread over `customers` customers (`<prefix>-<n>`) from number `from`. */
export function stakeMessages(
  draw: DrawDefined,
  count: number,
  { customers, from = 0, prefix = 'acc' }: { customers: number; from?: number; prefix?: string },
): Message[] {
  return Array.from({ length: count }, (_, i) => {
    const accountId = `${prefix}-${String((from + i) % customers).padStart(9, '0')}`;
    return eventMessage(EVENT_TYPES.stake, accountId, {
      accountId,
      promoCode: draw.promoCode,
      activityId: randomUUID(),
      stakeMinor: draw.stakePerTicketMinor,
      currency: 'GBP',
    });
  });
}
