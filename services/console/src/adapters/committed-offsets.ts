import type { Admin } from 'kafkajs';

/** A consumer group's committed offsets on `topic` by partition (partitions it has not committed on left out). */
export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map(
    (offsets?.partitions ?? [])
      .filter(({ offset }) => offset !== '-1')
      .map(({ partition, offset }) => [partition, BigInt(offset)]),
  );
}
