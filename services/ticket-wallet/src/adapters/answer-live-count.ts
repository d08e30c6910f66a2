import { HttpProblem, problemType } from '@prizedraw/http-api';
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

/** A live count as answered: where the customer stands, and the wallet partition that holds them. */
export type LiveCountAnswer = LiveCount & { partition: number };

/** The longest id the route takes, in characters (the router itself takes any length). */
export const MAX_ID_LENGTH = 256;

const nonBlank = (what: string) => z.string().regex(/\S/, `Expected a non-blank ${what}`).max(MAX_ID_LENGTH);

/** The path parameters of the live-count route. */
export const liveCountParamsSchema = z.object({
  drawId: nonBlank('draw id').describe('The draw.'),
  accountId: nonBlank('account id').describe('The customer (account id).'),
});

/** How long a client waits before asking a rebalancing wallet again, seconds. */
export const NOT_READY_RETRY_AFTER_SECONDS = 1;

/** The problem types the live-count route answers with, besides the standard ones. */
export const LIVE_COUNT_PROBLEMS = {
  noTickets: problemType('no-tickets'),
  partitionElsewhere: problemType('partition-elsewhere'),
  notReady: problemType('not-ready'),
} as const;

/** The 503 of the wallet's routes while it joins its group or rebalances (its stores are not its own yet). */
export function notReadyProblem(): HttpProblem {
  return new HttpProblem({
    status: 503,
    type: LIVE_COUNT_PROBLEMS.notReady,
    title: 'The ticket wallet is not ready',
    detail: 'the ticket wallet is joining its group or rebalancing; retry shortly',
    headers: { 'retry-after': String(NOT_READY_RETRY_AFTER_SECONDS) },
  });
}

/**
 * `GET /v1/draws/{drawId}/customers/{accountId}`: the customer's live ticket count from the local wallet
 * store of the partition that owns the account. Throws an `HttpProblem`: 404 when the customer holds no ticket
 * in the draw; 421 when another instance owns the partition (ask that one); 503 while the wallet is
 * rebalancing. The parameters were validated with `liveCountParamsSchema`.
 */
export async function answerLiveCount(
  params: z.output<typeof liveCountParamsSchema>,
  partitions: WalletPartitions,
): Promise<LiveCountAnswer> {
  const { drawId, accountId } = params;
  if (!partitions.ready()) throw notReadyProblem();
  const partition = partitions.partitionOf(accountId);
  const store = await partitions.store(partition);
  if (store === undefined) {
    throw new HttpProblem({
      status: 421,
      type: LIVE_COUNT_PROBLEMS.partitionElsewhere,
      title: 'The partition is owned by another instance',
      detail: `wallet partition ${partition} is owned by another instance; ask that one`,
      extensions: { partition },
    });
  }
  const count = await readLiveCount((key) => store.get(key), drawId, accountId);
  if (count === undefined) {
    throw new HttpProblem({
      status: 404,
      type: LIVE_COUNT_PROBLEMS.noTickets,
      title: 'No tickets',
      detail: `customer ${accountId} holds no ticket in draw ${drawId}`,
      extensions: { partition },
    });
  }
  return { ...count, partition };
}
