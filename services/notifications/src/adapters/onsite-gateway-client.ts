import type { CustomerMessage } from '@prizedraw/events';
import { type HttpAttemptOptions, postJson, unexpectedStatus } from './http-attempt';
import { ResilientCall, type ResilientCallOptions } from './resilient-call';

/** What the gateway said: shown in at least one open session, or the customer has none. */
export type OnsiteOutcome = 'delivered' | 'offline';

/** Options of {@link OnsiteGatewayClient}. */
export interface OnsiteGatewayClientOptions extends HttpAttemptOptions, Omit<ResilientCallOptions, 'name'> {
  /** Base URL of the onsite gateway. */
  readonly url: string;
}

/**
 * Sends a message to the onsite gateway (OSG, contract 2): `POST /v1/customers/{customerId}/messages`, 200 =
 * delivered to an open session, 404 = the customer is not on site. Idempotent by messageId at the gateway,
 * so a retried attempt or a replayed batch does not show a message twice.
 */
export class OnsiteGatewayClient {
  readonly #call: ResilientCall<CustomerMessage, OnsiteOutcome>;

  constructor(options: OnsiteGatewayClientOptions) {
    const base = options.url.replace(/\/+$/, '');
    this.#call = new ResilientCall(
      async (message) => {
        const url = `${base}/v1/customers/${encodeURIComponent(message.customerId)}/messages`;
        const answer = await postJson(url, message, options);
        if (answer.status === 200) return 'delivered';
        if (answer.status === 404) return 'offline';
        throw unexpectedStatus(url, answer);
      },
      { ...options, name: 'onsite-gateway' },
    );
  }

  /** Delivers `message`; throws DependencyUnavailableError when the gateway stays away too long. */
  deliver(message: CustomerMessage): Promise<OnsiteOutcome> {
    return this.#call.call(message);
  }

  close(): void {
    this.#call.close();
  }
}
