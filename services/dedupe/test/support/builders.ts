import { type DrawRules, type EnrichedActivity, PIPELINE_EVENT_TYPES } from '@prizedraw/events';
import type { TestInput } from '@prizedraw/stream';
import {
  type EventInputOptions,
  eventInput as sharedEventInput,
} from '../../../../test/support/pipeline-inputs';

export { buildMarker, markerInput } from '../../../../test/support/pipeline-inputs';

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

type InputOptions = EventInputOptions;

/** A message from /prizedraw/enrichment, as the test driver takes it. */
export const eventInput = (type: string, data: unknown, options: InputOptions = {}): TestInput =>
  sharedEventInput(type, data, { source: '/prizedraw/enrichment', ...options });

export const enrichedInput = (activity: EnrichedActivity, options: InputOptions = {}) =>
  eventInput(PIPELINE_EVENT_TYPES.enrichedActivity, activity, { key: activity.customerId, ...options });
