import {
  bind,
  type DrawDefined,
  type DrawMarker,
  drawDefinedSchema,
  type EventDataInput,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  toCloudEvent,
} from '@prizedraw/events';
import type { TestInput } from '@prizedraw/stream';

// Builders shared by the services' topology tests: a CloudEvent message as the test driver takes it, a draw
// definition, and the draw markers every stage passes along.

export interface EventInputOptions {
  key?: string | null;
  time?: string;
  id?: string;
  partition?: number;
  /** The upstream service the event comes from. */
  source?: string;
}

/** A binary-mode CloudEvent message as the test driver takes it. */
export function eventInput(type: string, data: unknown, options: EventInputOptions = {}): TestInput {
  const {
    key = null,
    time = '2024-11-15T12:00:00.000Z',
    id,
    partition,
    source = '/prizedraw/test',
  } = options;
  const event = toCloudEvent(bind(data), { type, source, time, ...(id && { id }) });
  const message = encodeEvent(event, key === null ? {} : { key });
  return {
    key,
    value: message.value,
    headers: message.headers,
    ...(partition === undefined ? {} : { partition }),
  };
}

/** An in-house draw of promo XMAS open through November 2024 (a ticket per 1000 minor units), with `overrides`. */
export function buildDrawDefinition(
  overrides: Partial<EventDataInput<'prizedraw.draw-defined.v1'>> = {},
): DrawDefined {
  return drawDefinedSchema.parse({
    drawId: 'xmas-2024',
    promoCode: 'XMAS',
    opensAt: '2024-11-01T00:00:00.000Z',
    closesAt: '2024-12-01T00:00:00.000Z',
    timezone: 'Europe/London',
    administrator: 'in-house',
    stakePerTicketMinor: 1000,
    milestones: [1, 10],
    prizes: [{ prizeId: 'car', name: 'A car', quantity: 1 }],
    defaultPrize: null,
    tags: ['prize-draw'],
    ...overrides,
  });
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

/** The copy of a marker in one partition. */
export const markerInput = (marker: DrawMarker, partition: number) =>
  eventInput(PIPELINE_EVENT_TYPES.drawMarker, marker, { partition, id: `${marker.triggerId}-${partition}` });
