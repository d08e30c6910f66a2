import { createHash } from 'node:crypto';
import {
  bind,
  type DrawMarker,
  decodeEvent,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  type PrizedrawCloudEvent,
  type RunChunk,
  type RunEntry,
  runEntriesOf,
  type TicketsGranted,
  toCloudEvent,
} from '@prizedraw/events';
import type { TestInput, TestOutput } from '@prizedraw/stream';
import type { RandomBytes } from '../../src/processors/keep-best-tickets';

/** A CloudEvent of `type` as an upstream service would produce it, ready to pipe into a test driver. */
export function eventMessage(type: string, data: unknown, key: string | null): TestInput {
  const encoded = encodeEvent(
    toCloudEvent(bind(data), { type, source: '/test' }),
    key === null ? {} : { key },
  );
  return { key, value: encoded.value, headers: encoded.headers };
}

export const buildGrant = (overrides: Partial<TicketsGranted> = {}): TicketsGranted => ({
  drawId: 'xmas',
  customerId: 'acc-1',
  grantId: 'grant-1',
  tickets: 1,
  total: overrides.tickets ?? 1,
  maxWinsPerCustomer: 1,
  ...overrides,
});

export const buildMarker = (overrides: Partial<DrawMarker> = {}): DrawMarker => ({
  drawId: 'xmas',
  triggerId: 'trigger-1',
  sourcePartitions: 2,
  sourcePartition: 0,
  ...overrides,
});

/** A grant; with `activityPartition`, carrying the activity partition its activity came through. */
export const grantMessage = (
  overrides: Partial<TicketsGranted> = {},
  activityPartition?: number,
): TestInput => {
  const grant = buildGrant(overrides);
  if (activityPartition === undefined)
    return eventMessage(PIPELINE_EVENT_TYPES.ticketsGranted, grant, grant.customerId);
  const binder = { ...bind(grant), activityPartition: String(activityPartition) };
  const event = toCloudEvent(binder, { type: PIPELINE_EVENT_TYPES.ticketsGranted, source: '/test' });
  const encoded = encodeEvent(event, { key: grant.customerId });
  return { key: grant.customerId, value: encoded.value, headers: encoded.headers };
};

/** A marker as ingestion copies it into wallet partition `partition`, having come from `sourcePartition`. */
export const markerMessage = (partition: number, overrides: Partial<DrawMarker> = {}): TestInput => {
  const marker = buildMarker(overrides);
  return { ...eventMessage(PIPELINE_EVENT_TYPES.drawMarker, marker, marker.drawId), partition };
};

/** Every marker of a trigger: one per source partition into every wallet partition. */
export function allMarkers(drawId: string, partitions: number, triggerId = 'trigger-1'): TestInput[] {
  const messages: TestInput[] = [];
  for (let partition = 0; partition < partitions; partition++)
    for (let sourcePartition = 0; sourcePartition < partitions; sourcePartition++)
      messages.push(
        markerMessage(partition, { drawId, triggerId, sourcePartitions: partitions, sourcePartition }),
      );
  return messages;
}

/** Decoded outputs of a topic, with the key and partition they were written with. */
export function decoded<T = unknown>(
  outputs: TestOutput[],
): (PrizedrawCloudEvent<T> & { key: string; partition: number })[] {
  return outputs.map((output) => ({
    ...(decodeEvent(output) as PrizedrawCloudEvent<T>),
    key: String(output.key),
    partition: output.partition,
  }));
}

/** Deterministic random bytes (SHA-256 in counter mode over a seed), so a test's tickets are reproducible. */
export function seededRandomBytes(seed: string): RandomBytes {
  let counter = 0;
  return (size) => {
    const blocks: Buffer[] = [];
    for (let length = 0; length < size; length += 32) {
      blocks.push(createHash('sha256').update(`${seed}:${counter++}`).digest());
    }
    return Buffer.concat(blocks).subarray(0, size);
  };
}

/** Wraps a random source and records every ticket value it produced, as lowercase hex. */
export function recordingRandomBytes(source: RandomBytes): { randomBytes: RandomBytes; drawnHex: string[] } {
  const drawnHex: string[] = [];
  const randomBytes: RandomBytes = (size) => {
    const bytes = source(size);
    for (let offset = 0; offset < size; offset += 16)
      drawnHex.push(bytes.toString('hex', offset, offset + 16));
    return bytes;
  };
  return { randomBytes, drawnHex };
}

/** The run entries among a wallet's decoded run outputs, chunks taken apart, in the order they were sent. */
export function runEntries(outputs: readonly PrizedrawCloudEvent<unknown>[]): RunEntry[] {
  return outputs
    .filter((output) => output.type === PIPELINE_EVENT_TYPES.runChunk)
    .flatMap((output) => runEntriesOf(output.data as RunChunk));
}
