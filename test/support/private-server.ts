import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process';
import { waitUntil } from './wait-until';

const STACK_LIB = resolve(__dirname, '../../deploy/local/lib');

/** Which server of the local stack to run privately, by the functions its `deploy/local/lib/<lib>` offers. */
export interface PrivateServerSpec {
  /** `mariadb`: `deploy/local/lib/mariadb.sh` with `mariadb_exec_private DIR PORT` (and `mariadb_post_private`). */
  component: string;
  /** Whether the post-start step (`<component>_post_private DIR PORT`) runs after the first start. */
  post: boolean;
  /** How long a start may take until the port takes connections (default 30 s; a JVM needs longer under load). */
  startTimeoutMs?: number;
}

/**
 * A server of the local stack run by one test as its own process, on a port and in a folder of its own, so
 * that the test may crash and restart it while the other test files keep using the shared servers. The
 * server is set up by the stack's own scripts (`<component>_exec_private`, `<component>_post_private` in
 * `deploy/local/lib`), so it is configured exactly like the shared one.
 */
export class PrivateServer {
  readonly port: number;
  readonly dir: string;
  readonly #spec: PrivateServerSpec;
  #process: ChildProcess | undefined;
  #exited: Promise<unknown> = Promise.resolve();
  #stderr = '';

  private constructor(spec: PrivateServerSpec, port: number, dir: string) {
    this.#spec = spec;
    this.port = port;
    this.dir = dir;
  }

  /** Starts the server, waits until it accepts connections, runs its post-start step once. */
  static async start(spec: PrivateServerSpec): Promise<PrivateServer> {
    const server = new PrivateServer(
      spec,
      await freePort(),
      mkdtempSync(join(tmpdir(), `private-${spec.component}-`)),
    );
    await server.startAgain();
    if (spec.post) await server.#runLib(`${spec.component}_post_private`);
    return server;
  }

  /** Starts the server (again, on the same port and data) and waits until it accepts connections. */
  async startAgain(): Promise<void> {
    const child = spawn('bash', ['-c', this.#script(`${this.#spec.component}_exec_private`)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.#stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString();
    });
    this.#process = child;
    this.#exited = new Promise((done) => child.once('exit', done));
    await waitUntil(
      `private ${this.#spec.component} on port ${this.port}`,
      () => {
        if (child.exitCode !== null) throw new Error(`${this.#spec.component} exited: ${this.#stderr}`);
        return accepts(this.port);
      },
      { timeoutMs: this.#spec.startTimeoutMs ?? 30_000, everyMs: 50 },
    );
  }

  /**
   * Whether the server process last started still runs, or how it ended, with the end of its error output: for
   * a test's failure message (a server that died after its port first answered leaves no other trace).
   */
  state(): string {
    const child = this.#process;
    if (child === undefined) return `${this.#spec.component}: crashed by the test`;
    if (child.exitCode === null && child.signalCode === null)
      return `${this.#spec.component}: running (pid ${child.pid})`;
    return `${this.#spec.component}: exited with ${child.exitCode ?? child.signalCode}: ${this.#stderr.slice(-500)}`;
  }

  /** Kills the server like a crash would (SIGKILL: nothing flushed) and waits until it is gone. */
  async crash(): Promise<void> {
    this.#process?.kill('SIGKILL');
    this.#process = undefined;
    await this.#exited;
  }

  /** Kills the server and removes its folder. */
  async close(): Promise<void> {
    await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }

  #script(fn: string): string {
    return `source ${STACK_LIB}/common.sh && source ${STACK_LIB}/${this.#spec.component}.sh && ${fn} ${this.dir} ${this.port}`;
  }

  async #runLib(fn: string): Promise<void> {
    await promisify(execFile)('bash', ['-c', this.#script(fn)]);
  }
}

/** Whether something accepts TCP connections on `port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
