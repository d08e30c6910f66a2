import type { ReadOnlyKeyValueStore } from '@prizedraw/stream';
import { notReadyProblem } from './answer-live-count';
import { type WalletDraw, walletKeys } from './wallet-store';

/** What one wallet partition has seen of a draw's trigger. */
export interface PartitionMarkers {
  partition: number;
  /** Source partitions whose marker this wallet partition has processed, ascending. */
  markers: number[];
  /** How many markers the run waits for (from the first marker); null before any arrived. */
  sourcePartitions: number | null;
  /** Whether the partition has sent its run (every marker seen). */
  drawn: boolean;
}

/** The partitions of a running wallet application this instance may own. */
export interface OwnedWalletPartitions {
  ready(): boolean;
  /** Partitions of the wallet's input (hence wallet stores) in the application. */
  partitionCount(): number;
  /** A partition's committed wallet store, or undefined when this instance does not own it. */
  store(partition: number): Promise<ReadOnlyKeyValueStore<unknown> | undefined>;
}

/**
 * `GET /v1/draws/{drawId}/markers`: for each wallet partition this instance owns, which markers of the draw
 * it has processed, from its committed store (what the partition has seen, not what is on its way). An
 * instance owning none answers an empty list; 503 while the wallet is rebalancing.
 */
export async function answerDrawMarkers(
  drawId: string,
  partitions: OwnedWalletPartitions,
): Promise<{ drawId: string; partitions: PartitionMarkers[] }> {
  if (!partitions.ready()) throw notReadyProblem();
  const owned: PartitionMarkers[] = [];
  for (let partition = 0; partition < partitions.partitionCount(); partition++) {
    const store = await partitions.store(partition);
    if (store === undefined) continue;
    const draw = (await store.get(walletKeys.draw(drawId))) as WalletDraw | undefined;
    owned.push({
      partition,
      markers: draw?.markers ?? [],
      sourcePartitions: draw?.sourcePartitions ?? null,
      drawn: draw?.drawn ?? false,
    });
  }
  return { drawId, partitions: owned };
}
