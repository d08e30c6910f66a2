import {
  bind,
  EVENT_TYPES,
  encodeEvent,
  eventJsonSchema,
  REGISTRY_CONTENT_TYPE,
  toCloudEvent,
} from '@prizedraw/events';
import type { Message } from 'kafkajs';

// Records of a schema id no prizedraw process has seen: a consumer with a registry codec must ask the
// registry about them, which is what a registry outage can get in the way of.

/** How many stakes {@link upstreamStakes} gives, one per customer (most partitions of 8 get some). */
export const CUSTOMERS = 24;

/** Stakes framed with `schemaId`, as an upstream writes them whose serializer registered its own subject. */
export function upstreamStakes(promoCode: string, schemaId: number, registryUrl: string): Message[] {
  return Array.from({ length: CUSTOMERS }, (_, c) => {
    const accountId = `cust-${c}`;
    const data = { accountId, promoCode, activityId: `${accountId}-bet`, stakeMinor: 100, currency: 'GBP' };
    const plain = encodeEvent(
      toCloudEvent(bind(data), { type: EVENT_TYPES.stake, source: '/outside/upstream' }),
      {
        key: accountId,
      },
    );
    const header = Buffer.alloc(5);
    header.writeInt32BE(schemaId, 1);
    return {
      ...plain,
      value: Buffer.concat([header, Buffer.from(JSON.stringify(data))]),
      headers: {
        ...plain.headers,
        'content-type': REGISTRY_CONTENT_TYPE,
        ce_dataschema: `${registryUrl}/schemas/ids/${schemaId}`,
      },
    };
  });
}

/**
 * Registers the stake schema with a description of its own under `<topic>-value` (Confluent serializers'
 * default subject): different content, so the registry gives it an id no prizedraw codec has seen.
 */
export async function registerUpstreamSchema(registryUrl: string, topic: string): Promise<number> {
  const schema = {
    ...eventJsonSchema(EVENT_TYPES.stake),
    description: `a stake, as ${topic}'s upstream registered it`,
  };
  const response = await fetch(`${registryUrl}/subjects/${topic}-value/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(schema) }),
  });
  if (!response.ok)
    throw new Error(`registering the upstream schema: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}
