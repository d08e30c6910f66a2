import {
  bind,
  type DrawDefined,
  decodeAndValidate,
  decodeEvent,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  type PrizedrawCloudEvent,
  type RunEnd,
  type RunEntry,
  runChunkOf,
  toCloudEvent,
  type ValidatedEvent,
} from '@prizedraw/events';
import type { TestInput, TestOutput } from '@prizedraw/stream';

/** A CloudEvent of `type` as an upstream service would produce it, ready to pipe into a test driver. */
export function eventMessage(type: string, data: unknown, key: string | null): TestInput {
  const event = toCloudEvent(bind(data), { type, source: '/test', time: '2026-12-24T18:00:00Z' });
  const encoded = encodeEvent(event, key === null ? {} : { key });
  return { key, value: encoded.value, headers: encoded.headers };
}

/** The same message decoded and validated, as a processor receives it. */
export function validated(message: TestInput): ValidatedEvent {
  return decodeAndValidate({
    key: message.key ?? null,
    value: message.value,
    headers: { ...message.headers },
  });
}

/** A ticket whose hex digits start with `prefix`, padded with zeros: `ticketOf('f')` beats `ticketOf('e')`. */
export function ticketOf(prefix: string): string {
  const hex = prefix.padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const buildDefinition = (overrides: Partial<DrawDefined> = {}): DrawDefined => ({
  drawId: 'xmas',
  promoCode: 'XMAS',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-24T18:00:00Z',
  timezone: 'Europe/London',
  administrator: 'in-house',
  maxWinsPerCustomer: 1,
  milestones: [],
  prizes: [
    { prizeId: 'gold', name: 'Gold', quantity: 1 },
    { prizeId: 'silver', name: 'Silver', quantity: 2 },
  ],
  defaultPrize: null,
  tags: [],
  dedupeOnEmail: false,
  ...overrides,
});

export const buildRunEntry = (overrides: Partial<RunEntry> = {}): RunEntry => ({
  drawId: 'xmas',
  partition: 0,
  seq: 0,
  ticket: ticketOf('8'),
  customerId: 'acc-1',
  tickets: 1,
  ...overrides,
});

export const buildRunEnd = (overrides: Partial<RunEnd> = {}): RunEnd => ({
  drawId: 'xmas',
  partition: 0,
  partitions: 1,
  entries: 0,
  tickets: 0,
  ...overrides,
});

/** One wallet partition's run: entries as [customerId, ticket prefix, tickets], highest first. */
export interface RunSpec {
  partition: number;
  entries: [customerId: string, ticketPrefix: string, tickets: number][];
}

/** How {@link runMessages} sends run entries: chunks of `chunkEntries`, or one run-entry each (older wallets). */
export interface RunFraming {
  chunkEntries?: number;
  asRunEntries?: boolean;
}

/**
 * The messages a wallet partition sends for `runs` (entries in the given order, in chunks of two by
 * default so runs span several, then the run-end), as they arrive on the runs topic. `ticketsOf` of a
 * run-end counts each customer once.
 */
export function runMessages(
  drawId: string,
  partitions: number,
  runs: RunSpec[],
  { chunkEntries = 2, asRunEntries = false }: RunFraming = {},
): TestInput[] {
  return runs.flatMap(({ partition, entries }) => {
    const counted = new Map(entries.map(([customerId, , tickets]) => [customerId, tickets]));
    const tickets = [...counted.values()].reduce((sum, n) => sum + n, 0);
    const runEntries = entries.map(([customerId, prefix, n], seq) =>
      buildRunEntry({ drawId, partition, seq, customerId, ticket: ticketOf(prefix), tickets: n }),
    );
    const sent = asRunEntries
      ? runEntries.map((entry) => eventMessage(PIPELINE_EVENT_TYPES.runEntry, entry, drawId))
      : chunksOf(runEntries, chunkEntries).map((chunk) =>
          eventMessage(PIPELINE_EVENT_TYPES.runChunk, runChunkOf(chunk), drawId),
        );
    return [
      ...sent,
      eventMessage(
        PIPELINE_EVENT_TYPES.runEnd,
        buildRunEnd({ drawId, partition, partitions, entries: entries.length, tickets }),
        drawId,
      ),
    ];
  });
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/** Decoded outputs of a topic, with the key they were written with. */
export function decoded<T = unknown>(outputs: TestOutput[]): (PrizedrawCloudEvent<T> & { key: string })[] {
  return outputs.map((output) => ({
    ...(decodeEvent(output) as PrizedrawCloudEvent<T>),
    key: String(output.key),
  }));
}
