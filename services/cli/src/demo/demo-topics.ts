import { deleteTopicsContaining } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import { say } from '../output';

/**
 * Deletes a finished demo's topics, those whose names contain its brand (its pipeline's topics and its
 * services' changelogs and internal topics), unless `keep`. Each run of `prizedraw demo` makes ~240
 * partitions, which a broker keeps open until they are deleted: a day of runs left 19,855 partition folders
 * on the local broker, which then stopped with "Too many open files". A failure to delete is reported, not
 * thrown: the demo's own outcome stands.
 */
export async function removeDemoTopics(brokers: string[], brand: string, keep: boolean): Promise<void> {
  if (keep) {
    say(`kept the demo's topics: their names contain ${brand}`);
    return;
  }
  const admin = new Kafka({ clientId: 'prizedraw-demo', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const deleted = await deleteTopicsContaining(admin, [brand]);
    say(`deleted the demo's ${deleted} topics (--keep-topics keeps them)`);
  } catch (error) {
    say(`could not delete the demo's topics (names containing ${brand}): ${String(error)}`);
  } finally {
    await admin.disconnect();
  }
}
