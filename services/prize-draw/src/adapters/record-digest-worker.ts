// A worker thread that computes one draw's record digest from what the prize-draw task has committed (see
// RecordDigests), posts it packed, and ends: its heap is gone long before the draw completes.
import { parentPort, workerData } from 'node:worker_threads';
import { openCommittedStore } from '@prizedraw/stream';
import { digestDraw } from '../processors/draw-record';
import { DRAW_STORE, DrawReader } from './draw-store';
import { type DigestRequest, type PackedDigest, packDigest } from './record-digests';

/** The digest, or null when the committed status shows the draw's awards may not all be committed yet. */
async function digest({ location, drawId, decidedThroughRank }: DigestRequest): Promise<PackedDigest | null> {
  const store = await openCommittedStore(location, DRAW_STORE);
  try {
    const reader = new DrawReader(store);
    const status = await reader.status(drawId);
    // The status that starts the emission is committed with the decision's last awards, or after them.
    if (status?.phase !== 'emitting' || status.decidedThroughRank !== decidedThroughRank) return null;
    return packDigest(await digestDraw(reader, status, true));
  } finally {
    await store.close();
  }
}

digest(workerData as DigestRequest).then((packed) =>
  parentPort!.postMessage(packed, packed === null ? [] : [packed.tickets.buffer]),
);
