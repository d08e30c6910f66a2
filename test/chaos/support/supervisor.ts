import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServiceProcess, startServiceProcess } from '../../support/service-process';

/** What the supervisor saw of one process: how often it was started and how each run ended. */
export interface ProcessHistory {
  starts: number;
  /** Exits the test did not cause (a SIGKILL it sent is not one): exit code or signal. */
  unexpectedExits: string[];
  /** Whether the last stop outlasted the grace period and took a SIGKILL. */
  killedAtStop?: boolean;
}

const BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
// Kubernetes' terminationGracePeriodSeconds: SIGTERM, then SIGKILL if the process is still there.
const STOP_GRACE_MS = 15_000;

/**
 * Runs `prizedraw start` processes as Kubernetes runs pods: a process that exits, for whatever reason, is
 * started again on the same state directory (a StatefulSet's volume) after a short back-off, doubled while
 * start-ups keep failing (CrashLoopBackOff). `kill` is the chaos: SIGKILL, and the supervisor brings the
 * process back by itself.
 */
export class Supervisor {
  readonly #env: Record<string, string>;
  readonly #running = new Map<string, ServiceProcess>();
  readonly #history = new Map<string, ProcessHistory>();
  readonly #restarting = new Map<string, Promise<void>>();
  readonly #killing = new Set<string>();
  #stopping = false;

  /** `env` is the environment of every process (brand, brokers, timeouts). */
  constructor(env: Record<string, string>) {
    this.#env = env;
  }

  /** Starts a process `name` running `services` on a state directory of its own; resolves once it is ready. */
  async start(name: string, services: readonly string[]): Promise<void> {
    const stateDir = await mkdtemp(join(tmpdir(), `${this.#env.BRAND}-${name}-`));
    this.#history.set(name, { starts: 0, unexpectedExits: [] });
    await this.#run(name, services, { ...this.#env, STATE_DIR: stateDir });
  }

  /** SIGKILLs process `name`; the supervisor starts it again. Resolves once the killed process is gone. */
  async kill(name: string): Promise<void> {
    const process = this.#running.get(name);
    if (process === undefined) throw new Error(`${name} is not running (it is being restarted)`);
    this.#killing.add(name);
    await process.kill();
  }

  /** Resolves once process `name` is running and ready again after a kill or an exit. */
  async ready(name: string): Promise<void> {
    await this.#restarting.get(name);
  }

  history(): ReadonlyMap<string, ProcessHistory> {
    return this.#history;
  }

  /** Stops restarting, then stops every process: SIGTERM, and SIGKILL after a grace period, as Kubernetes does. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.allSettled(this.#restarting.values());
    await Promise.all(
      [...this.#running].map(async ([name, process]) => {
        const grace = setTimeout(() => {
          this.#history.get(name)!.killedAtStop = true;
          void process.kill();
        }, STOP_GRACE_MS);
        await process.stop().finally(() => clearTimeout(grace));
      }),
    );
  }

  async #run(name: string, services: readonly string[], env: Record<string, string>): Promise<void> {
    const history = this.#history.get(name)!;
    let backoff = BACKOFF_MS;
    for (;;) {
      history.starts += 1;
      try {
        const process = await startServiceProcess(services, env, { built: true, readyTimeoutMs: 90_000 });
        this.#running.set(name, process);
        void process.exited.then((code) => this.#exited(name, services, env, process, code));
        return;
      } catch (error) {
        history.unexpectedExits.push(`start-up failed: ${(error as Error).message}`);
        if (this.#stopping) return;
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  #exited(
    name: string,
    services: readonly string[],
    env: Record<string, string>,
    process: ServiceProcess,
    code: number | null,
  ): void {
    if (this.#running.get(name) === process) this.#running.delete(name);
    if (this.#stopping) return;
    if (!this.#killing.delete(name)) {
      this.#history.get(name)!.unexpectedExits.push(`exited with ${code ?? process.child.signalCode}`);
    }
    const restart = new Promise((resolve) => setTimeout(resolve, BACKOFF_MS)).then(() =>
      this.#stopping ? undefined : this.#run(name, services, env),
    );
    this.#restarting.set(name, restart);
  }
}
