import type { CustomerMessage } from '@prizedraw/events';
import type { ApiTokens } from '@prizedraw/http-api';

/**
 * What the gateway said to one delivery: `delivered` (200), `offline` (404: no open session), `rejected`
 * (400: the gateway will never take this message), `unavailable` (anything else: unreachable, 5xx, a
 * refused token; tried again later).
 */
export type DeliveryOutcome = 'delivered' | 'offline' | 'rejected' | 'unavailable';

/** Options of {@link GatewayClient}. */
export interface GatewayClientOptions {
  /** The gateway's base URL. */
  readonly url: string;
  /** Signs the queue's own token (role operator, subject message-queue). */
  readonly tokens: ApiTokens;
  readonly timeoutMs: number;
}

const TOKEN_TTL_S = 3_600;

/** Delivers messages through the onsite gateway's `POST /v1/customers/{customerId}/messages` (contract 2). */
export class GatewayClient {
  #token: { value: string; renewAt: number } | undefined;

  constructor(private readonly options: GatewayClientOptions) {}

  async deliver(message: CustomerMessage): Promise<DeliveryOutcome> {
    const url = `${this.options.url}/v1/customers/${encodeURIComponent(message.customerId)}/messages`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#bearer()}` },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer();
    } catch {
      return 'unavailable';
    }
    if (response.status === 200) return 'delivered';
    if (response.status === 404) return 'offline';
    if (response.status === 400) return 'rejected';
    return 'unavailable';
  }

  // A token signed here, renewed at half its life so a request never carries an expiring one.
  #bearer(): string {
    const now = Date.now();
    if (this.#token === undefined || now >= this.#token.renewAt) {
      const value = this.options.tokens.issue({
        role: 'operator',
        subject: 'message-queue',
        ttlSeconds: TOKEN_TTL_S,
      });
      this.#token = { value, renewAt: now + (TOKEN_TTL_S * 1000) / 2 };
    }
    return this.#token.value;
  }
}
