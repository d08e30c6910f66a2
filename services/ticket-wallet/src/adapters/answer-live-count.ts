import type { ReadOnlyKeyValueStore } from '@prizedraw/stream';
import { z } from 'zod';
import { type LiveCount, readLiveCount } from './live-counts';

/** Where the wallet's state for an account lives, as the running stream application sees it. */
export interface WalletPartitions {
  /** Whether the application has joined its group and owns its partitions (false while rebalancing). */
  ready(): boolean;
  /** The partition of `{brand}.tickets` (hence of the wallet store) the account id is keyed to. */
  partitionOf(accountId: string): number;
  /** That partition's committed wallet store, or undefined when this instance does not own it. */
  store(partition: number): Promise<ReadOnlyKeyValueStore<unknown> | undefined>;
}

/** An HTTP answer: status and JSON body. */
export interface LiveCountAnswer {
  status: 200 | 400 | 404 | 421 | 503;
  body: (LiveCount & { partition: number }) | { error: string; message: string; partition?: number };
}

// Fastify refuses path parameters over 100 characters itself (414), so only blank ids are left to refuse.
const nonBlank = (what: string) => z.string().regex(/\S/, `Expected a non-blank ${what}`);
const paramsSchema = z.object({ drawId: nonBlank('draw id'), accountId: nonBlank('account id') });

/**
 * `GET /v1/draws/{drawId}/customers/{accountId}`: the customer's live ticket count from the local wallet
 * store of the partition that owns the account. 400 names the invalid (blank) parameter; 404 when the customer
 * holds no ticket in the draw; 421 when another instance owns the partition (ask that one); 503 while the
 * wallet is rebalancing.
 */
export async function answerLiveCount(
  params: unknown,
  partitions: WalletPartitions,
): Promise<LiveCountAnswer> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = `${issue.path.join('.')}: ${issue.message}`;
    return { status: 400, body: { error: 'invalid-parameter', message } };
  }
  const { drawId, accountId } = parsed.data;
  if (!partitions.ready()) {
    const message = 'the ticket wallet is joining its group or rebalancing; retry shortly';
    return { status: 503, body: { error: 'not-ready', message } };
  }
  const partition = partitions.partitionOf(accountId);
  const store = await partitions.store(partition);
  if (store === undefined) {
    const message = `wallet partition ${partition} is owned by another instance; ask that one`;
    return { status: 421, body: { error: 'partition-elsewhere', message, partition } };
  }
  const count = await readLiveCount((key) => store.get(key), drawId, accountId);
  if (count === undefined) {
    const message = `customer ${accountId} holds no ticket in draw ${drawId}`;
    return { status: 404, body: { error: 'no-tickets', message, partition } };
  }
  return { status: 200, body: { ...count, partition } };
}
