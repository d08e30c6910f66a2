import type { ServerResponse } from 'node:http';
import type { CustomerMessage } from '@prizedraw/events';

/**
 * How much may wait in a session's buffer for a client that does not read (a frozen tab, a dead network
 * that has not timed out) before the session is dropped: it would otherwise hold every message and heartbeat
 * in memory for as long as the socket lives. The browser reconnects; messages go to the queue meanwhile.
 */
export const MAX_BUFFERED_BYTES = 256 * 1024;

/** What {@link SessionHub} reports, for metrics. */
export interface SessionHubEvents {
  /** A session opened or closed; `open` is how many are open now. */
  onSessions?(open: number): void;
}

/**
 * The open Server-Sent Events streams of this process, by customer. A session is the Node response it
 * writes to and nothing else (no request, no per-session timer), so an open connection costs little more
 * than its socket; one timer for the whole hub writes the heartbeats.
 */
export class SessionHub {
  readonly #sessions = new Map<string, Set<ServerResponse>>();
  #open = 0;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(
    heartbeatMs: number,
    private readonly events: SessionHubEvents = {},
  ) {
    // A comment line: EventSource ignores it, proxies see traffic and keep the connection.
    this.#heartbeat = setInterval(() => this.#broadcast(':\n\n'), heartbeatMs);
    this.#heartbeat.unref();
  }

  /** How many sessions are open. */
  get open(): number {
    return this.#open;
  }

  /** Starts the event stream on `response` for `customerId`; the session ends when the connection closes. */
  attach(customerId: string, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and others buffer responses unless told not to, which would hold messages back.
      'x-accel-buffering': 'no',
    });
    // retry: how long EventSource waits before reconnecting after the connection drops.
    response.write('retry: 2000\n\n');
    let sessions = this.#sessions.get(customerId);
    if (sessions === undefined) {
      sessions = new Set();
      this.#sessions.set(customerId, sessions);
    }
    sessions.add(response);
    this.#changed(1);
    response.once('close', () => {
      sessions.delete(response);
      if (sessions.size === 0 && this.#sessions.get(customerId) === sessions)
        this.#sessions.delete(customerId);
      this.#changed(-1);
    });
  }

  /**
   * Writes `message` to every open session of its customer; answers how many it was written to (0: the
   * customer has none). The event's id is the messageId, so the page recognises a repeat.
   */
  deliver(message: CustomerMessage): number {
    const sessions = this.#sessions.get(message.customerId);
    if (sessions === undefined) return 0;
    const frame = `id: ${message.messageId}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`;
    let written = 0;
    for (const response of sessions) {
      if (!this.#writable(response)) continue;
      response.write(frame);
      written += 1;
    }
    return written;
  }

  /** Ends every session (shutdown): browsers reconnect, to this or another instance. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const sessions of this.#sessions.values()) for (const response of sessions) response.end();
  }

  #broadcast(frame: string): void {
    for (const sessions of this.#sessions.values())
      for (const response of sessions) if (this.#writable(response)) response.write(frame);
  }

  // Whether the session can take a write; one whose client stopped reading is destroyed (its 'close'
  // removes it).
  #writable(response: ServerResponse): boolean {
    if (response.writableEnded || response.destroyed) return false;
    if (response.writableLength <= MAX_BUFFERED_BYTES) return true;
    response.destroy();
    return false;
  }

  #changed(delta: number): void {
    this.#open += delta;
    this.events.onSessions?.(this.#open);
  }
}
