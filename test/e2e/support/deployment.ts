import {
  bind,
  type DrawDefined,
  EVENT_TYPES,
  encodeEvent,
  type TopicNames,
  toCloudEvent,
} from '@prizedraw/events';
import { baseConfigSchema, ensurePipelineTopics, parseConfig, topicsOf } from '@prizedraw/service';
import type { Kafka } from 'kafkajs';
import { brokers, kafka, produce, uniqueName } from '../../support/kafka';

/** A fresh deployment (brand) for one test: the environment of its processes, its topics, its commands. */
export interface Deployment {
  /** The brand (unique name) every topic of the deployment is named with. */
  brand: string;
  env: Record<string, string>;
  topics: TopicNames;
  define(draw: DrawDefined): Promise<void>;
  trigger(drawId: string): Promise<void>;
}

/** Creates the pipeline topics of a brand no other test uses, with 8 partitions (on `cluster`, default the shared broker). */
export async function createDeployment(
  cluster: { brokers: string[]; client(): Kafka } = { brokers: brokers(), client: () => kafka },
): Promise<Deployment> {
  const client = cluster.client();
  const brand = uniqueName('e2e');
  const env = {
    BRAND: brand,
    DC: 'local',
    KAFKA_BROKERS: cluster.brokers.join(','),
    PARTITIONS: '8',
  };
  const config = parseConfig(baseConfigSchema, env);
  const admin = client.admin();
  await admin.connect();
  await ensurePipelineTopics(admin, config).finally(() => admin.disconnect());
  const topics = topicsOf(config);
  const send = (topic: string, type: string, key: string, data: unknown) =>
    produce(
      topic,
      [encodeEvent(toCloudEvent(bind(data), { type, source: '/e2e/operator' }), { key })],
      client,
    );
  return {
    brand,
    env,
    topics,
    define: (draw) => send(topics.definitions, EVENT_TYPES.drawDefined, draw.drawId, draw),
    trigger: (drawId) => send(topics.triggers, EVENT_TYPES.drawTrigger, drawId, { drawId }),
  };
}

/** An in-house draw open around now: 50 minor units per ticket, three prizes best first, two wins at most. */
export function e2eDraw(drawId: string): DrawDefined {
  return {
    drawId,
    promoCode: `${drawId}-promo`,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    timezone: 'Europe/London',
    administrator: 'in-house',
    stakePerTicketMinor: 50,
    maxWinsPerCustomer: 2,
    milestones: [5, 10],
    prizes: [
      { prizeId: 'car', name: 'A car', quantity: 1 },
      { prizeId: 'trip', name: 'A weekend away', quantity: 5 },
      { prizeId: 'voucher', name: 'A £20 voucher', quantity: 40 },
    ],
    defaultPrize: null,
    tags: ['e2e'],
    dedupeOnEmail: false,
  };
}
