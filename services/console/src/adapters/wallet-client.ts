import { z } from 'zod';

const liveCountSchema = z.object({ tickets: z.int(), bestTicket: z.string(), partition: z.int() });

/** A customer's live count and best ticket in an open draw, as the wallet instance that holds it says. */
export type WalletLiveCount = z.output<typeof liveCountSchema>;

const TIMEOUT_MS = 2_000;

/**
 * Asks the ticket wallet's live-count route (`GET /v1/draws/{drawId}/customers/{accountId}`) of each
 * instance in turn: the one owning the customer's partition answers 200 (or 404: no tickets), the others 421.
 * Returns null for "no tickets", undefined when no instance could say (none configured, or none reachable).
 */
export class WalletClient {
  readonly #urls: readonly string[];

  constructor(urls: readonly string[]) {
    this.#urls = urls;
  }

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
}
