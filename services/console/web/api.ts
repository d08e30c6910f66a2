// The console's API with the operator's token, kept for this tab only (sessionStorage).
const TOKEN_KEY = 'prizedraw-console-token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (value: string | undefined) =>
  value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY);

interface ProblemBody {
  detail?: string;
  title?: string;
  issues?: { field: string; message: string }[];
}

/** A problem+json answer, with its issues (field and message) when the request was invalid. */
export class Problem extends Error {
  readonly issues: { field: string; message: string }[];
  constructor(
    readonly status: number,
    body: ProblemBody | undefined,
  ) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
    this.issues = body?.issues ?? [];
  }
}

export async function api<T>(
  path: string,
  { method = 'GET', body }: { method?: string; body?: unknown } = {},
) {
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => undefined);
  if (!response.ok) throw new Problem(response.status, answer);
  return answer as T;
}

/**
 * Follows a Server-Sent Events route with fetch (EventSource cannot send the Authorization header), calling
 * onEvent(name, data) for each event until `signal` aborts; reconnects after a dropped connection.
 */
export async function follow(
  path: string,
  onEvent: (name: string, data: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch(path, { headers: { authorization: `Bearer ${token()}` }, signal });
      if (!response.ok || !response.body)
        throw new Problem(response.status, await response.json().catch(() => undefined));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          dispatch(buffered.slice(0, end), onEvent);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof Problem && error.status < 500) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function dispatch(block: string, onEvent: (name: string, data: unknown) => void) {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
}
