/**
 * A promise that rejects when SIGINT (Ctrl-C) or SIGTERM asks the demo to stop, and an AbortSignal aborted
 * then (for requests). Its waits race them, so that it still stops its services and deletes its topics and
 * state; without them, Node would exit on the spot.
 */
export function stopSignals(): { stopped: Promise<never>; signal: AbortSignal; dispose(): void } {
  const abort = new AbortController();
  let dispose = () => {};
  const stopped = new Promise<never>((_, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      const error = new Error(`stopped by ${signal}`);
      abort.abort(error);
      reject(error);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    dispose = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
  });
  stopped.catch(() => undefined);
  return { stopped, signal: abort.signal, dispose };
}
