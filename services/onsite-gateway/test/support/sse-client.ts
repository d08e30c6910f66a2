import { waitUntil } from '../../../../test/support/wait-until';

/** One event read from a Server-Sent Events stream. */
export interface SseEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

/** An open stream and what it has read so far. */
export interface SseStream {
  readonly status: number;
  readonly contentType: string | null;
  readonly events: SseEvent[];
  /** Waits until `count` events of type `message` arrived; resolves with them. */
  messages(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/**
 * Opens `url` as EventSource would (GET, Accept: text/event-stream) with Node's fetch and parses the
 * stream as the WHATWG spec says (fields up to a blank line; comment lines ignored).
 */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':') || line === '') continue;
              const colon = line.indexOf(':');
              fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
            }
            if (fields.data !== undefined)
              events.push({ id: fields.id, event: fields.event ?? 'message', data: fields.data });
          }
        }
      } catch {
        // Aborted by close(), or the server went away: the events read so far stay.
      }
    })();
  }
  const messages = async (count: number, timeoutMs = 10_000) => {
    const read = () => events.filter((event) => event.event === 'message');
    await waitUntil(`${count} message events on ${url}`, () => read().length >= count, {
      timeoutMs,
      everyMs: 20,
    });
    return read();
  };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    messages,
    close: () => abort.abort(),
  };
}
