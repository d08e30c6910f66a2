import type { CustomerMessage } from '@prizedraw/events';
import { type HttpAttemptOptions, postJson, unexpectedStatus } from './http-attempt';
import { type Answered, type ChunkOptions, inChunks } from './in-chunks';
import { CallFailed, ResilientCall, type ResilientCallOptions } from './resilient-call';

/** What the gateway said: shown in at least one open session, or the customer has none. */
export type OnsiteOutcome = 'delivered' | 'offline';

/** Options of {@link OnsiteGatewayClient}. */
export interface OnsiteGatewayClientOptions extends HttpAttemptOptions, Omit<ResilientCallOptions, 'name'> {
  /** Base URL of the onsite gateway. */
  readonly url: string;
  /** Messages per request and requests in flight per call; default 500 and 4. */
  readonly chunks?: ChunkOptions;
}

// 500 messages are a few hundred KB, under the 1,000 messages and 1 MiB a request of the route takes.
const CHUNKS: ChunkOptions = { size: 500, concurrency: 4 };

/**
 * Sends messages to the onsite gateway (OSG): `POST /v1/deliveries`, one request per chunk, answering per
 * message delivered (written to an open session) or not-online. Idempotent by messageId at the gateway, so
 * a retried attempt or a replayed batch does not show a message twice.
 */
export class OnsiteGatewayClient {
  readonly #call: ResilientCall<readonly CustomerMessage[], readonly OnsiteOutcome[]>;
  readonly #chunks: ChunkOptions;

  constructor(options: OnsiteGatewayClientOptions) {
    const url = `${options.url.replace(/\/+$/, '')}/v1/deliveries`;
    this.#chunks = options.chunks ?? CHUNKS;
    this.#call = new ResilientCall(
      async (messages) => {
        const answer = await postJson(url, { messages }, options);
        if (answer.status !== 200) throw unexpectedStatus(url, answer);
        const outcomes = outcomesOf(answer.body);
        if (outcomes?.length !== messages.length)
          throw new CallFailed(`POST ${url}: an answer that is not one outcome per message`, true);
        return outcomes;
      },
      { ...options, name: 'onsite-gateway' },
    );
  }

  /**
   * Delivers `messages`, answering per message in their order; a message the gateway refuses as invalid
   * answers its refusal. Throws DependencyUnavailableError when the gateway stays away too long.
   */
  deliver(messages: readonly CustomerMessage[]): Promise<Answered<OnsiteOutcome>[]> {
    return inChunks(messages, (chunk) => this.#call.call(chunk), this.#chunks);
  }

  close(): void {
    this.#call.close();
  }
}

// The outcomes of an answer, or undefined when one is missing or unknown.
function outcomesOf(body: string): OnsiteOutcome[] | undefined {
  try {
    const { outcomes } = JSON.parse(body) as { outcomes?: { outcome?: unknown }[] };
    if (!Array.isArray(outcomes)) return undefined;
    const known = outcomes.map(({ outcome }) =>
      outcome === 'delivered' ? 'delivered' : outcome === 'not-online' ? 'offline' : undefined,
    );
    return known.includes(undefined) ? undefined : (known as OnsiteOutcome[]);
  } catch {
    return undefined;
  }
}
