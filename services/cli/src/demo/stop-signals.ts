/**
 * A promise that rejects when SIGINT (Ctrl-C) or SIGTERM asks the demo to stop. Its waits race it, so that
 * it still stops its services and deletes its topics and state; without it, Node would exit on the spot.
 */
export function stopSignals(): { stopped: Promise<never>; dispose(): void } {
  let dispose = () => {};
  const stopped = new Promise<never>((_, reject) => {
    const stop = (signal: NodeJS.Signals) => reject(new Error(`stopped by ${signal}`));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    dispose = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
  });
  stopped.catch(() => undefined);
  return { stopped, dispose };
}
