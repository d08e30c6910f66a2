import {
  bind,
  type DrawMarker,
  type DrawRules,
  type EnrichedActivity,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  toCloudEvent,
} from '@prizedraw/events';
import type { TestInput } from '@prizedraw/stream';

// Builders of ticket-rules' input as dedupe writes it: `build*` make the data, `*Input` the Kafka message.

type Overrides = Partial<Omit<EnrichedActivity, 'draw'>> & { draw?: Partial<DrawRules> };

export function buildRules(overrides: Partial<DrawRules> = {}): DrawRules {
  return {
    administrator: 'in-house',
    closesAt: '2024-12-01T00:00:00.000Z',
    stakePerTicketMinor: 1000,
    maxWinsPerCustomer: 1,
    milestones: [1, 10],
    dedupeOnEmail: false,
    ...overrides,
  };
}

function buildActivity(kind: EnrichedActivity['kind'], overrides: Overrides): EnrichedActivity {
  const { draw, ...rest } = overrides;
  return {
    drawId: 'xmas-2024',
    customerId: 'acc-1',
    kind,
    activityId: `${kind}-1`,
    occurredAt: '2024-11-15T12:00:00.000Z',
    tags: [kind],
    ...rest,
    draw: buildRules(draw),
  };
}

export const buildStake = (stakeMinor: number, overrides: Overrides = {}) =>
  buildActivity('stake', { stakeMinor, ...overrides });

export const buildAward = (tickets: number, overrides: Overrides = {}) =>
  buildActivity('award', { tickets, ...overrides });

export const buildEntry = (overrides: Overrides = {}) =>
  buildActivity('entry', { email: 'ann@example.com', ...overrides });

export function buildMarker(overrides: Partial<DrawMarker> = {}): DrawMarker {
  return {
    drawId: 'xmas-2024',
    triggerId: 'trigger-1',
    sourcePartitions: 4,
    sourcePartition: 0,
    ...overrides,
  };
}

interface InputOptions {
  key?: string | null;
  id?: string;
  partition?: number;
}

export function eventInput(type: string, data: unknown, options: InputOptions = {}): TestInput {
  const { key = null, id, partition } = options;
  const time = '2024-11-15T12:00:00.000Z';
  const event = toCloudEvent(bind(data), { type, source: '/prizedraw/dedupe', time, ...(id && { id }) });
  const message = encodeEvent(event, key === null ? {} : { key });
  return {
    key,
    value: message.value,
    headers: message.headers,
    ...(partition === undefined ? {} : { partition }),
  };
}

export const activityInput = (activity: EnrichedActivity, options: InputOptions = {}) =>
  eventInput(PIPELINE_EVENT_TYPES.enrichedActivity, activity, { key: activity.customerId, ...options });

export const markerInput = (marker: DrawMarker, partition: number) =>
  eventInput(PIPELINE_EVENT_TYPES.drawMarker, marker, { partition, id: `${marker.triggerId}-${partition}` });

/** A small seeded generator (mulberry32), so a failing random case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
