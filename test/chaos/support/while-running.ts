import type { ServiceProcess } from '../../support/service-process';

// What the process's stream metrics say about each application: whether it owns tasks, what it read and
// wrote, its transactions and lag. Printed when a wait fails, so a stall names the stage that stopped.
const STREAM_STATE =
  /^prizedraw_stream_(tasks|records_consumed_total|records_produced_total|transactions_total|consumer_lag)\{/;

/**
 * Fails `work` at once if the process exits before it is done, instead of when it times out; when `work`
 * fails (a wait timed out), prints the process's stream metrics first, and what `report` adds (the broker's
 * side, for one).
 */
export function whileRunning(
  service: ServiceProcess,
  report?: () => Promise<string>,
): <T>(work: Promise<T>) => Promise<T> {
  const exited = service.exited.then((code) => {
    throw new Error(`the service process exited (code ${code}) during the outage`);
  });
  return (work) =>
    Promise.race([work, exited]).catch(async (error) => {
      if (service.child.exitCode === null) console.error(await streamState(service.url));
      if (report) console.error(await report());
      throw error;
    });
}

async function streamState(url: string): Promise<string> {
  try {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const lines = metrics.split('\n').filter((line) => STREAM_STATE.test(line));
    return `stream metrics of the service process when the wait failed:\n${lines.join('\n')}`;
  } catch (error) {
    return `the service process's metrics could not be read: ${(error as Error).message}`;
  }
}
