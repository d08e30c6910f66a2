import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { FUSED_STAGES } from '../commands/start';

// The demo's fused stages (enrichment → ticket-wallet) run in a second process, `prizedraw start enrichment
// dedupe ticket-rules ticket-wallet`, as a deployment runs them: one Node process works on one core, and the
// demo's own (ingestion, the draw, telling customers, the console, sending the load) kept it busy alone.

/** What `prizedraw start` sends the process that forked it, once it runs (main.ts). */
export interface StartedMessage {
  readonly url: string;
}

export interface PipelineProcess {
  /** Base URL of its HTTP server: health and metrics. */
  readonly url: string;
  /**
   * Rejects when the process exits before {@link close}: whoever waits for the pipeline's output races it, or
   * would wait for ever.
   */
  readonly failed: Promise<never>;
  /** SIGTERM, then waits for its exit (its transactions committed or aborted, its stores closed). */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const COMMAND = `prizedraw start ${FUSED_STAGES.join(' ')}`;

// The CLI's entry point beside this module: main.js when built, main.ts when run from the sources (the tsx
// loader comes along in the parent's execArgv, which fork passes on).
const MAIN = join(__dirname, '..', `main${extname(__filename)}`);

async function readyAt(url: string): Promise<boolean> {
  return fetch(`${url}/health/ready`).then(
    (answer) => answer.ok,
    () => false,
  );
}

/**
 * Forks `prizedraw start` for the fused stages with `env`, and resolves once its `/health/ready` answers 200.
 * It stops by itself when this process goes away, even killed (its IPC channel closes).
 *
 * @throws Error when it exits or is not ready within two minutes.
 */
export async function startPipelineProcess(env: NodeJS.ProcessEnv): Promise<PipelineProcess> {
  const child = fork(MAIN, ['start', ...FUSED_STAGES], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  const failed = exited.then((how): never => {
    throw new Error(`the pipeline's process (${COMMAND}) exited with ${how}`);
  });
  failed.catch(() => undefined);
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let timer: NodeJS.Timeout | undefined;
  const notReady = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${COMMAND} was not ready within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
  });
  const orStop = <T>(step: Promise<T>) => Promise.race([step, failed, notReady]);
  try {
    const { url } = await orStop(new Promise<StartedMessage>((resolve) => child.once('message', resolve)));
    while (!(await orStop(readyAt(url)))) await orStop(new Promise((resolve) => setTimeout(resolve, 100)));
    return { url, failed, close };
  } catch (error) {
    await close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
