import type { ServerResponse } from 'node:http';
import type { DrawBoard } from '../draw-board';

interface LiveStream {
  readonly drawId: string;
  readonly response: ServerResponse;
  sent: string | undefined;
  /** When something was last written, to keep idle streams open through proxies. */
  wroteAt: number;
}

const KEEP_ALIVE_MS = 15_000;

/**
 * The open live pages: each holds a Server-Sent Events stream of one draw and is sent the draw's detail
 * (event `draw`) when it opens and then whenever it changed, checked every `intervalMs`, so a draw taking
 * thousands of tickets a second costs a page one snapshot per interval, never one per ticket.
 */
export class LiveStreams {
  readonly #board: DrawBoard;
  readonly #streams = new Set<LiveStream>();
  readonly #timer: NodeJS.Timeout;

  constructor(board: DrawBoard, intervalMs: number) {
    this.#board = board;
    this.#timer = setInterval(() => this.#push(), intervalMs);
    this.#timer.unref();
  }

  attach(drawId: string, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const stream: LiveStream = { drawId, response, sent: undefined, wroteAt: 0 };
    this.#streams.add(stream);
    response.on('close', () => this.#streams.delete(stream));
    this.#send(stream, Date.now());
  }

  /** Ends every stream (the server's close would otherwise wait for them) and stops pushing. */
  close(): void {
    clearInterval(this.#timer);
    for (const stream of this.#streams) stream.response.end();
    this.#streams.clear();
  }

  #push(): void {
    const now = Date.now();
    for (const stream of this.#streams) {
      if (stream.sent !== this.#board.versionOf(stream.drawId)) this.#send(stream, now);
      else if (now - stream.wroteAt > KEEP_ALIVE_MS) this.#write(stream, ': keep-alive\n\n', now);
    }
  }

  #send(stream: LiveStream, now: number): void {
    stream.sent = this.#board.versionOf(stream.drawId);
    const detail = this.#board.detail(stream.drawId, now);
    this.#write(stream, `event: draw\ndata: ${JSON.stringify(detail ?? null)}\n\n`, now);
  }

  #write(stream: LiveStream, text: string, now: number): void {
    stream.response.write(text);
    stream.wroteAt = now;
  }
}
