import { Agent, request } from 'node:http';
import type { ApiTokens } from '@prizedraw/http-api';
import { CallFailed } from './resilient-call';

/** What one HTTP attempt needs: with which token, within how long. */
export interface HttpAttemptOptions {
  readonly tokens: ApiTokens;
  /** Timeout of one attempt (no answer by then: a retriable failure). */
  readonly timeoutMs: number;
}

/** An answer, read whole (the services answer small JSON bodies). */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

// Kept-alive connections shared by every call of the process. node:http rather than fetch: fetch (undici)
// cost notifications about twice the CPU per call (a profile of bench:notifications: a third of the process's
// time in undici, much of it the AbortSignal timeouts firing after each answered request).
const agent = new Agent({ keepAlive: true });

// A token per call cost an HMAC each; one is signed for five minutes and renewed after one.
const TOKEN_TTL_S = 300;
const TOKEN_RENEW_MS = 60_000;
const issued = new WeakMap<ApiTokens, { token: string; at: number }>();

function tokenOf(tokens: ApiTokens): string {
  const now = Date.now();
  const current = issued.get(tokens);
  if (current && now - current.at < TOKEN_RENEW_MS) return current.token;
  const token = tokens.issue({ role: 'operator', subject: 'notifications', ttlSeconds: TOKEN_TTL_S }, now);
  issued.set(tokens, { token, at: now });
  return token;
}

/**
 * POSTs `body` as JSON with an operator token of subject `notifications`; a failure to connect or no answer
 * within the timeout is a retriable {@link CallFailed}.
 */
export function postJson(url: string, body: unknown, options: HttpAttemptOptions): Promise<HttpAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new CallFailed(`POST ${url}: ${error.message}`, true));
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${tokenOf(options.tokens)}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    });
    req.setTimeout(options.timeoutMs, () =>
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
    );
    req.on('error', fail);
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.end(payload);
  });
}

/**
 * The failure an unexpected status stands for: a 400 or 422 is the request's fault (not retriable, its
 * problem detail kept); anything else (5xx, 401 while a secret is rotated, 429) may pass.
 */
export function unexpectedStatus(url: string, answer: HttpAnswer): CallFailed {
  const refused = answer.status === 400 || answer.status === 422;
  return new CallFailed(`POST ${url} answered ${answer.status}: ${answer.body.slice(0, 500)}`, !refused);
}
