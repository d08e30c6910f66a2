import { type DrawRules, type EnrichedActivity, PIPELINE_EVENT_TYPES } from '@prizedraw/events';
import type { TestInput } from '@prizedraw/stream';
import {
  type EventInputOptions,
  eventInput as sharedEventInput,
} from '../../../../test/support/pipeline-inputs';

export { buildMarker, markerInput } from '../../../../test/support/pipeline-inputs';

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

type InputOptions = EventInputOptions;

/** A message from /prizedraw/dedupe, as the test driver takes it. */
export const eventInput = (type: string, data: unknown, options: InputOptions = {}): TestInput =>
  sharedEventInput(type, data, { source: '/prizedraw/dedupe', ...options });

export const activityInput = (activity: EnrichedActivity, options: InputOptions = {}) =>
  eventInput(PIPELINE_EVENT_TYPES.enrichedActivity, activity, { key: activity.customerId, ...options });

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
