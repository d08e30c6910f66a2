import {
  type CustomerExclusion,
  DecodeError,
  type DrawRecord,
  decodeAndValidate,
  decodeRecordKey,
  EVENT_TYPES,
  ValidationError,
} from '@prizedraw/events';
import { readTopic } from '@prizedraw/stream';
import type { Kafka, KafkaMessage } from 'kafkajs';

/** One record of the exclusions topic, as it applies to its key. */
export interface ExclusionChange {
  partition: number;
  offset: string;
  customerId: string;
  excluded: boolean;
}

/**
 * Who was excluded as the record's exclusion offsets say: in each partition, every change before the
 * recorded offset applied in order, the last one of a customer winning (what the wallet partition had
 * applied when it sent its run). Partitions the record names no offset for apply nothing.
 */
export function excludedAtOffsets(
  changes: readonly ExclusionChange[],
  offsets: NonNullable<DrawRecord['exclusionOffsets']>,
): Set<string> {
  const until = new Map(offsets.map(({ partition, offset }) => [partition, BigInt(offset)]));
  const status = new Map<string, boolean>();
  for (const { partition, offset, customerId, excluded } of changes) {
    const end = until.get(partition);
    if (end !== undefined && BigInt(offset) < end) status.set(customerId, excluded);
  }
  return new Set([...status].filter(([, excluded]) => excluded).map(([customerId]) => customerId));
}

/** The record's excluded entrants against the entrants the exclusions topic had excluded; names each. */
export function compareExcluded(
  record: Pick<DrawRecord, 'excluded'>,
  entrants: Pick<ReadonlySet<string>, 'has'>,
  excludedOnTopic: ReadonlySet<string>,
): string[] {
  const recorded = new Set(record.excluded ?? []);
  const problems: string[] = [];
  for (const customerId of excludedOnTopic)
    if (entrants.has(customerId) && !recorded.has(customerId))
      problems.push(
        `entrant ${customerId}: excluded on the exclusions topic before the offsets, not in the record`,
      );
  for (const customerId of recorded)
    if (!excludedOnTopic.has(customerId))
      problems.push(
        `entrant ${customerId}: excluded in the record, not on the exclusions topic before the offsets`,
      );
  return problems;
}

/**
 * What a record of the exclusions topic changed, as the wallet applies it: a tombstone lifts; an exclusion
 * whose data is invalid or names another customer than its key was dead-lettered by the wallet, so it
 * changes nothing (nor do records of other types).
 */
function changeOf(message: KafkaMessage, partition: number): ExclusionChange | undefined {
  const customerId = decodeRecordKey(message.key);
  if (customerId === null) return undefined;
  const base = { partition, offset: message.offset, customerId };
  if (message.value === null) return { ...base, excluded: false };
  if (message.headers?.ce_type?.toString() !== EVENT_TYPES.customerExclusion) return undefined;
  let data: CustomerExclusion;
  try {
    data = decodeAndValidate({ key: message.key, value: message.value, headers: message.headers })
      .data as CustomerExclusion;
  } catch (error) {
    if (error instanceof ValidationError || error instanceof DecodeError) return undefined;
    throw error;
  }
  return data.customerId === customerId ? { ...base, excluded: data.excluded } : undefined;
}

/**
 * Checks the record's excluded entrants against `{brand}.customer.exclusions` read up to the record's
 * exclusion offsets. A record without offsets (a wallet from before exclusions) cannot be checked: said so.
 */
export async function checkExclusions(
  kafka: Kafka,
  topic: string,
  record: DrawRecord,
  entrants: Pick<ReadonlySet<string>, 'has'>,
): Promise<string[]> {
  if (record.exclusionOffsets === undefined) return ['the record has no exclusion offsets'];
  const changes: ExclusionChange[] = [];
  const reader = await readTopic(kafka, topic, (message, partition) => {
    const change = changeOf(message, partition);
    if (change !== undefined) changes.push(change);
  });
  await reader.caughtUp.finally(() => reader.stop());
  return compareExcluded(record, entrants, excludedAtOffsets(changes, record.exclusionOffsets));
}
