import { type Readiness, readinessOf, unreachable } from '../readiness';

/** One process's readiness: `url` null for the console's own process. */
export interface ServiceReadinessRow extends Readiness {
  readonly url: string | null;
  readonly checkedAt: string;
}

const TIMEOUT_MS = 2_000;

/**
 * Asks the `/health/ready` of each process in `CONSOLE_SERVICE_URLS` at once, when the Health page asks;
 * without any, the console's own process.
 */
export class ServiceReadiness {
  readonly #urls: readonly string[];

  constructor(urls: readonly string[]) {
    this.#urls = urls;
  }

  /**
   * `ownUrl`: the console's own server as the request reached it (its configured address may be one it only
   * listens on, 0.0.0.0 or port 0).
   */
  async check(ownUrl: string): Promise<ServiceReadinessRow[]> {
    if (this.#urls.length === 0) return [row(null, await readinessAt(ownUrl))];
    return Promise.all(this.#urls.map(async (url) => row(url, await readinessAt(url))));
  }
}

async function readinessAt(url: string): Promise<Readiness> {
  try {
    const answer = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return readinessOf(answer.status, await answer.json().catch(() => undefined));
  } catch (error) {
    return unreachable(reasonOf(error));
  }
}

// fetch says only "fetch failed"; its cause names the refusal, the unknown host or a port fetch refuses.
// Read by shape, not by instanceof: fetch's errors come from another realm under jest.
const reasonOf = (error: unknown): string => {
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: unknown };
  if (name === 'TimeoutError') return `no answer within ${TIMEOUT_MS} ms`;
  const { code, message: causeMessage } = (cause ?? {}) as { code?: unknown; message?: unknown };
  return String(code ?? causeMessage ?? message ?? error);
};

const row = (url: string | null, readiness: Readiness): ServiceReadinessRow => ({
  url,
  checkedAt: new Date().toISOString(),
  ...readiness,
});
