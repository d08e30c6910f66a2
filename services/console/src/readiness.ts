import { z } from 'zod';

/** A process's readiness as the Health page shows it. */
export interface Readiness {
  readonly status: 'ready' | 'not-ready' | 'unreachable';
  /** The stream applications the process says are not ready (only when not-ready). */
  readonly notReady: string[];
  /** Why its readiness could not be read (only when unreachable). */
  readonly reason: string | null;
}

// What runServices answers on /health/ready: 200 ready, or 503 not-ready naming the applications.
const readyAnswerSchema = z.object({ status: z.enum(['ready', 'not-ready']), notReady: z.array(z.string()) });

/**
 * What a `/health/ready` answer says. An answer that is not one of runServices' two (another status, or a
 * body without its fields: not a prizedraw process, or a proxy's error page) leaves the readiness unknown,
 * shown as unreachable with what it answered.
 */
export function readinessOf(httpStatus: number, body: unknown): Readiness {
  const answer = readyAnswerSchema.safeParse(body);
  if (answer.success && httpStatus === 200 && answer.data.status === 'ready')
    return { status: 'ready', notReady: [], reason: null };
  if (answer.success && httpStatus === 503 && answer.data.status === 'not-ready')
    return { status: 'not-ready', notReady: answer.data.notReady, reason: null };
  return unreachable(`answered HTTP ${httpStatus} without a readiness status`);
}

export const unreachable = (reason: string): Readiness => ({ status: 'unreachable', notReady: [], reason });

/** The base URL of the server end of `socket`: the address and port a request came in on. */
export function ownUrlOf(socket: { localAddress?: string; localPort?: number }): string {
  const address = socket.localAddress ?? '127.0.0.1';
  return `http://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
}
