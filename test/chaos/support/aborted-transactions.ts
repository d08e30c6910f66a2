import type { ServiceProcess } from '../../support/service-process';

/** The service's aborted transactions so far, from its metrics: one per batch that failed. */
export async function abortedTransactions(service: ServiceProcess): Promise<number> {
  // Not answering means the process has exited: whileRunning reports that, with its exit code.
  const text = await fetch(`${service.url}/metrics`).then(
    (response) => response.text(),
    () => '',
  );
  return [
    ...text.matchAll(/^prizedraw_stream_transactions_total\{[^}]*outcome="aborted"[^}]*\} (\d+)/gm),
  ].reduce((sum, match) => sum + Number(match[1]), 0);
}
