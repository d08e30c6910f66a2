import { z } from 'zod';

const liveCountSchema = z.object({ tickets: z.int(), bestTicket: z.string(), partition: z.int() });

/** A customer's live count and best ticket in an open draw, as the wallet instance that holds it says. */
export type WalletLiveCount = z.output<typeof liveCountSchema>;

/** One partition of the wallet's `GET /v1/draws/{drawId}/markers` answer, as the console passes it on. */
export const partitionMarkersSchema = z
  .object({
    partition: z.int().nonnegative(),
    markers: z.array(z.int().nonnegative()),
    sourcePartitions: z.int().positive().nullable(),
    drawn: z.boolean(),
  })
  .describe(
    'A wallet partition: the source partitions whose marker of the draw it has processed (ascending), how many its run waits for (null before the first), and whether it has sent its run.',
  );
const drawMarkersSchema = z.object({ partitions: z.array(partitionMarkersSchema) });

/** The trigger markers of a draw one wallet partition has processed, as its instance says. */
export type WalletPartitionMarkers = z.output<typeof partitionMarkersSchema>;

const TIMEOUT_MS = 2_000;

/**
 * The ticket wallet's instances (`CONSOLE_WALLET_URLS`), asked what only the wallet knows: a customer's live
 * count and best ticket, and the trigger markers each wallet partition has processed.
 */
export class WalletClient {
  readonly #urls: readonly string[];

  constructor(urls: readonly string[]) {
    this.#urls = urls;
  }

  /**
   * Asks the live-count route (`GET /v1/draws/{drawId}/customers/{accountId}`) of each instance in turn: the
   * one owning the customer's partition answers 200 (or 404: no tickets), the others 421. Returns null for
   * "no tickets", undefined when no instance could say (none configured, or none reachable).
   */
  async liveCount(drawId: string, accountId: string): Promise<WalletLiveCount | null | undefined> {
    const path = `/v1/draws/${encodeURIComponent(drawId)}/customers/${encodeURIComponent(accountId)}`;
    for (const url of this.#urls) {
      const answer = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(
        () => undefined,
      );
      if (answer?.status === 200) return liveCountSchema.parse(await answer.json());
      if (answer?.status === 404) return null;
    }
    return undefined;
  }

  /**
   * Which markers of the draw each wallet partition has processed, from every instance at once (each
   * answers for the partitions it owns), by partition; undefined when no instance answered. A partition
   * whose instance did not answer (down, rebalancing) is missing.
   */
  async markers(drawId: string): Promise<WalletPartitionMarkers[] | undefined> {
    const path = `/v1/draws/${encodeURIComponent(drawId)}/markers`;
    const answers = await Promise.all(
      this.#urls.map(async (url) => {
        const answer = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(
          () => undefined,
        );
        return answer?.status === 200 ? drawMarkersSchema.parse(await answer.json()).partitions : undefined;
      }),
    );
    const answered = answers.filter((partitions) => partitions !== undefined);
    if (answered.length === 0) return undefined;
    const byPartition = new Map(answered.flat().map((p) => [p.partition, p]));
    return [...byPartition.values()].sort((a, b) => a.partition - b.partition);
  }
}
