import type { ServiceProcess } from '../../support/service-process';

/** Fails `work` at once if the process exits before it is done, instead of when it times out. */
export function whileRunning(service: ServiceProcess): <T>(work: Promise<T>) => Promise<T> {
  const exited = service.exited.then((code) => {
    throw new Error(`the service process exited (code ${code}) during the outage`);
  });
  return (work) => Promise.race([work, exited]);
}
