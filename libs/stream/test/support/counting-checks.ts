import { join } from 'node:path';
import { decodeEvent } from '@prizedraw/events';
import type { KafkaMessage } from 'kafkajs';
import { Level } from 'level';
import { LevelKeyValueStore } from '../../src/state/level-key-value-store';
import type { StakeCount } from './counting-topology';

/** The counting topology's outputs, decoded. */
export function decodeCounts(messages: readonly KafkaMessage[]): StakeCount[] {
  return messages.map(
    (m) => decodeEvent({ key: m.key, value: m.value, headers: m.headers }).data as StakeCount,
  );
}

/** "account:count" of every output, to find duplicates and gaps. */
export function countIds(counts: readonly StakeCount[]): string[] {
  return counts.map((c) => `${c.accountId}:${c.count}`);
}

/** Every entry of the `counts` store of every partition, read straight from LevelDB on disk. */
export async function readCountStores(stateDir: string, applicationId: string, partitions: number) {
  const all = new Map<string, { count: number; totalMinor: number }>();
  for (let partition = 0; partition < partitions; partition++) {
    const db = new Level<string, string>(join(stateDir, applicationId, String(partition), 'counts'));
    await db.open();
    for await (const [key, value] of new LevelKeyValueStore<{ count: number; totalMinor: number }>(
      'counts',
      db,
    ).range()) {
      all.set(key, value);
    }
    await db.close();
  }
  return all;
}
