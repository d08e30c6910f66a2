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

// Builders of dedupe's input as enrichment writes it: `build*` make the data, `*Input` the Kafka message.

export const CLOSES_AT = '2024-12-01T00:00:00.000Z';

export function buildRules(overrides: Partial<DrawRules> = {}): DrawRules {
  return {
    administrator: 'in-house',
    closesAt: CLOSES_AT,
    stakePerTicketMinor: 1000,
    maxWinsPerCustomer: 1,
    milestones: [],
    dedupeOnEmail: false,
    ...overrides,
  };
}

export function buildEnriched(
  overrides: Partial<Omit<EnrichedActivity, 'draw'>> & { draw?: Partial<DrawRules> } = {},
): EnrichedActivity {
  const { draw, ...rest } = overrides;
  return {
    drawId: 'xmas-2024',
    customerId: 'acc-1',
    kind: 'stake',
    activityId: 'bet-1',
    occurredAt: '2024-11-15T12:00:00.000Z',
    stakeMinor: 500,
    tags: ['stake'],
    ...rest,
    draw: buildRules(draw),
  };
}

/** An entry as enrichment writes it: keyed by the email, no stake. */
export function buildEnrichedEntry(
  email: string,
  overrides: Partial<Omit<EnrichedActivity, 'draw'>> & { draw?: Partial<DrawRules> } = {},
): EnrichedActivity {
  const { stakeMinor: _, ...entry } = buildEnriched({
    kind: 'entry',
    customerId: email,
    email,
    tags: ['entry'],
    ...overrides,
    draw: { administrator: 'sca', dedupeOnEmail: true, ...overrides.draw },
  });
  return entry;
}

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
  const event = toCloudEvent(bind(data), { type, source: '/prizedraw/enrichment', time, ...(id && { id }) });
  const message = encodeEvent(event, key === null ? {} : { key });
  return {
    key,
    value: message.value,
    headers: message.headers,
    ...(partition === undefined ? {} : { partition }),
  };
}

export const enrichedInput = (activity: EnrichedActivity, options: InputOptions = {}) =>
  eventInput(PIPELINE_EVENT_TYPES.enrichedActivity, activity, { key: activity.customerId, ...options });

export const markerInput = (marker: DrawMarker, partition: number) =>
  eventInput(PIPELINE_EVENT_TYPES.drawMarker, marker, { partition, id: `${marker.triggerId}-${partition}` });
