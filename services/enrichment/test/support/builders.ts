import {
  type DrawMarker,
  type Entry,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type Stake,
  type TicketsAwarded,
} from '@prizedraw/events';
import type { TestInput } from '@prizedraw/stream';
import {
  buildDrawDefinition,
  type EventInputOptions,
  eventInput as sharedEventInput,
} from '../../../../test/support/pipeline-inputs';

export { buildMarker } from '../../../../test/support/pipeline-inputs';

// Builders of enrichment's input as ingestion writes it: `build*` make the data, `*Input` the Kafka message.

export const AT = {
  opens: '2024-11-01T00:00:00.000Z',
  inside: '2024-11-15T12:00:00.000Z',
  closes: '2024-12-01T00:00:00.000Z',
} as const;

/** The draw the builders' activity counts for (`AT.opens` to `AT.closes`). */
export const buildDraw = buildDrawDefinition;

export function buildStake(overrides: Partial<Stake> = {}): Stake {
  return {
    accountId: 'acc-1',
    promoCode: 'XMAS',
    activityId: 'bet-1',
    stakeMinor: 500,
    currency: 'GBP',
    ...overrides,
  };
}

export function buildAward(overrides: Partial<TicketsAwarded> = {}): TicketsAwarded {
  return { accountId: 'acc-1', promoCode: 'XMAS', awardId: 'award-1', tickets: 3, ...overrides };
}

export function buildEntry(overrides: Partial<Entry> = {}): Entry {
  return { entryId: 'entry-1', utmContent: 'XMAS', email: 'ann@example.com', ...overrides };
}

type InputOptions = EventInputOptions;

/** A message from /prizedraw/ingestion, as the test driver takes it. */
export const eventInput = (type: string, data: unknown, options: InputOptions = {}): TestInput =>
  sharedEventInput(type, data, { time: AT.inside, source: '/prizedraw/ingestion', ...options });

export const stakeInput = (stake: Stake, options: InputOptions = {}) =>
  eventInput(EVENT_TYPES.stake, stake, { key: stake.accountId, ...options });

export const awardInput = (award: TicketsAwarded, options: InputOptions = {}) =>
  eventInput(EVENT_TYPES.ticketsAwarded, award, { key: award.accountId, ...options });

export const entryInput = (entry: Entry, options: InputOptions = {}) =>
  eventInput(EVENT_TYPES.entry, entry, { key: entry.accountId ?? entry.email, ...options });

/** A marker copy on one partition, as ingestion writes it (explicit partition, no customer key). */
export const markerInput = (marker: DrawMarker, partition: number, options: InputOptions = {}) =>
  eventInput(PIPELINE_EVENT_TYPES.drawMarker, marker, {
    partition,
    id: `${marker.triggerId}-${partition}`,
    ...options,
  });
