import {
  type Decision,
  decisionResponseSchema,
  HAS_DECISION_HEADER,
  type NoDecision,
} from '@prizedraw/decisions';
import type { ValidatedEvent } from '@prizedraw/events';
import { type HttpAttemptOptions, postJson, unexpectedStatus } from './http-attempt';
import { CallFailed, ResilientCall, type ResilientCallOptions } from './resilient-call';

/** Options of {@link DecisionsClient}. */
export interface DecisionsClientOptions extends HttpAttemptOptions, Omit<ResilientCallOptions, 'name'> {
  /** Base URL of the decisions service, e.g. `http://127.0.0.1:8091`. */
  readonly url: string;
}

/**
 * Asks the decisions service (DES) about an event: `POST /v1/decisions` with the event as a structured-mode
 * CloudEvent. Reads `has-decision` first, so a NO_DECISION answer is never parsed. Timeouts, retries with
 * back-off and a circuit breaker come from {@link ResilientCall}.
 */
export class DecisionsClient {
  readonly #call: ResilientCall<ValidatedEvent, Decision | NoDecision>;

  constructor(options: DecisionsClientOptions) {
    const url = `${options.url.replace(/\/+$/, '')}/v1/decisions`;
    this.#call = new ResilientCall(
      async (event) => {
        const answer = await postJson(url, structured(event), options);
        if (answer.status !== 200) throw unexpectedStatus(url, answer);
        if (answer.headers[HAS_DECISION_HEADER] === 'false')
          return { status: 'NO_DECISION', eventId: event.id };
        const parsed = decisionResponseSchema.safeParse(parseJson(answer.body));
        if (!parsed.success) throw new CallFailed(`POST ${url}: an answer that is no decision`, true);
        return parsed.data;
      },
      { ...options, name: 'decisions' },
    );
  }

  /** The decision on `event`; throws DependencyUnavailableError when decisions stays away too long. */
  decide(event: ValidatedEvent): Promise<Decision | NoDecision> {
    return this.#call.call(event);
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
