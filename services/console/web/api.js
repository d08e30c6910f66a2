// The console's API with the operator's token, kept for this tab only (sessionStorage).
const TOKEN_KEY = 'prizedraw-console-token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (value) =>
  value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY);

/** A problem+json answer, with its issues (field and message) when the request was invalid. */
export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
    this.status = status;
    this.issues = body?.issues ?? [];
  }
}

export async function api(path, { method = 'GET', body } = {}) {
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
  return answer;
}

/**
 * Follows a Server-Sent Events route with fetch (EventSource cannot send the Authorization header), calling
 * onEvent(name, data) for each event until `signal` aborts; reconnects after a dropped connection.
 */
export async function follow(path, onEvent, signal) {
  while (!signal.aborted) {
    try {
      const response = await fetch(path, { headers: { authorization: `Bearer ${token()}` }, signal });
      if (!response.ok) throw new Problem(response.status, await response.json().catch(() => undefined));
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

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
}
