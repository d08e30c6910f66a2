import type { Kafka } from 'kafkajs';

/**
 * How many offsets `topic` has used over all its partitions (records and transaction markers, committed
 * or not): a cheap sign that a stage has started writing, to time a fault inside a phase of a run. 0 while
 * the broker cannot say (restarting, leaders not yet elected): the caller polls again.
 */
export async function offsetsUsed(client: Kafka, topic: string): Promise<number> {
  const admin = client.admin();
  try {
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high }) => sum + Number(high), 0);
  } catch (error) {
    if ((error as { retriable?: boolean }).retriable === true) return 0;
    throw error;
  } finally {
    await admin.disconnect();
  }
}
