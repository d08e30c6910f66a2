import { Partitioners, type PartitionMetadata } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();

// Made once per partition count: a fused task asks for every record it passes on.
const metadataByCount = new Map<number, PartitionMetadata[]>();

/** The partition Kafka's default (murmur2) partitioner picks for a key, as the Java client does. */
export function partitionForKey(topic: string, key: string | Buffer | null, partitionCount: number): number {
  let partitionMetadata = metadataByCount.get(partitionCount);
  if (partitionMetadata === undefined) {
    partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    metadataByCount.set(partitionCount, partitionMetadata);
  }
  return partitioner({ topic, partitionMetadata, message: { key, value: null } });
}
