import type { ApiTokens } from '@prizedraw/http-api';
import { CallFailed } from './resilient-call';

/** What one HTTP attempt needs: where, with which token, within how long. */
export interface HttpAttemptOptions {
  readonly tokens: ApiTokens;
  /** Timeout of one attempt (no answer by then: a retriable failure). */
  readonly timeoutMs: number;
}

/**
 * POSTs `body` as JSON with an operator token of subject `notifications`; a failure to connect or a timeout
 * is a retriable {@link CallFailed}. The response is the caller's to read.
 */
export async function postJson(url: string, body: unknown, options: HttpAttemptOptions): Promise<Response> {
  const token = options.tokens.issue({ role: 'operator', subject: 'notifications', ttlSeconds: 300 });
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new CallFailed(`POST ${url}: ${(error as Error).message}`, true);
  }
}

/**
 * The failure an unexpected status stands for: a 400 or 422 is the request's fault (not retriable, its
 * problem detail kept); anything else (5xx, 401 while a secret is rotated, 429) may pass.
 */
export async function unexpectedStatus(url: string, response: Response): Promise<CallFailed> {
  const text = await response.text().catch(() => '');
  const refused = response.status === 400 || response.status === 422;
  return new CallFailed(`POST ${url} answered ${response.status}: ${text.slice(0, 500)}`, !refused);
}
