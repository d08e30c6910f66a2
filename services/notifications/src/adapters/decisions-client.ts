import { type Decision, decisionBatchResponseSchema, type NoDecision } from '@prizedraw/decisions';
import type { ValidatedEvent } from '@prizedraw/events';
import { type HttpAttemptOptions, postJson, unexpectedStatus } from './http-attempt';
import { type Answered, type ChunkOptions, inChunks } from './in-chunks';
import { CallFailed, ResilientCall, type ResilientCallOptions } from './resilient-call';

/** Options of {@link DecisionsClient}. */
export interface DecisionsClientOptions extends HttpAttemptOptions, Omit<ResilientCallOptions, 'name'> {
  /** Base URL of the decisions service, e.g. `http://127.0.0.1:8091`. */
  readonly url: string;
  /** Events per request and requests in flight per call; default 500 and 4. */
  readonly chunks?: ChunkOptions;
}

// 500 structured events are a few hundred KB, under the 1,000 events and 1 MiB a request of the route takes.
const CHUNKS: ChunkOptions = { size: 500, concurrency: 4 };

/**
 * Asks the decisions service (DES) about events: `POST /v1/decisions/batch` with the events as
 * structured-mode CloudEvents, one request per chunk (a request per event cost decisions, and this process,
 * most of their CPU in HTTP and token checks: profile of bench:notifications). Timeouts, retries with
 * back-off and a circuit breaker come from {@link ResilientCall}, per request.
 */
export class DecisionsClient {
  readonly #call: ResilientCall<readonly ValidatedEvent[], readonly (Decision | NoDecision)[]>;
  readonly #chunks: ChunkOptions;

  constructor(options: DecisionsClientOptions) {
    const url = `${options.url.replace(/\/+$/, '')}/v1/decisions/batch`;
    this.#chunks = options.chunks ?? CHUNKS;
    this.#call = new ResilientCall(
      async (events) => {
        const answer = await postJson(url, { events: events.map(structured) }, options);
        if (answer.status !== 200) throw unexpectedStatus(url, answer);
        const parsed = decisionBatchResponseSchema.safeParse(parseJson(answer.body));
        if (!parsed.success || parsed.data.decisions.length !== events.length)
          throw new CallFailed(`POST ${url}: an answer that is not one decision per event`, true);
        return parsed.data.decisions;
      },
      { ...options, name: 'decisions' },
    );
  }

  /**
   * The decisions on `events`, in their order; an event decisions refuses as invalid answers its refusal.
   * Throws DependencyUnavailableError when decisions stays away too long.
   */
  decide(events: readonly ValidatedEvent[]): Promise<Answered<Decision | NoDecision>[]> {
    return inChunks(events, (chunk) => this.#call.call(chunk), this.#chunks);
  }

  close(): void {
    this.#call.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function structured(event: ValidatedEvent) {
  const { id, source, type, time, subject, data } = event;
  return {
    specversion: '1.0',
    id,
    source,
    type,
    time,
    ...(subject === undefined ? {} : { subject }),
    datacontenttype: 'application/json',
    data,
  };
}
