import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs `prizedraw start <services…>` as a process of its own, as production does, so tests can kill it with
// SIGKILL and benchmarks can measure it apart from the load generator.

const CLI_SOURCE = join(__dirname, '../../services/cli/src/main.ts');
// What users run; benchmarks use it so that the TypeScript loader's memory and CPU are not measured.
const CLI_BUILT = join(__dirname, '../../services/cli/dist/main.js');

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Base URL of its HTTP server (health, metrics, the services' routes). */
  readonly url: string;
  readonly stateDir: string;
  /** Settles when the process exits, with its exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit (a clean shutdown). */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit: nothing is flushed or closed. */
  kill(): Promise<void>;
}

// State folders made for the processes started here (none when the caller gave STATE_DIR): a restarted
// process may reuse one, so they outlive their process, and a benchmark deletes them when it ends.
const madeStateDirs: string[] = [];

// Processes started here that have not exited: a benchmark that fails, or is stopped, ends them itself.
const running = new Set<ServiceProcess>();

/** The processes {@link startServiceProcess} started that are still running. */
export function runningServiceProcesses(): readonly ServiceProcess[] {
  return [...running];
}

/** The state folders {@link startServiceProcess} made so far in this process. */
export function stateDirsMade(): readonly string[] {
  return madeStateDirs;
}

// Where freePort draws from: below the kernel's ephemeral range (32768 and up by default on Linux) and below
// the shared FTP server's passive ports (30000-30049).
const PORTS = { first: 20_000, end: 30_000 };

/**
 * A TCP port no process listens on right now, for a server a test starts. Drawn at random outside the
 * kernel's ephemeral range on purpose: tests crash servers and start them again on the same port, and while
 * one is down a port of that range may become the local end of any outgoing connection (a client dialling
 * the very port can even connect to itself) or be handed to another listen(0). The restarted server then
 * fails to bind while the port still answers, and the test waits on a server that is not there.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = PORTS.first + Math.floor(Math.random() * (PORTS.end - PORTS.first));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${PORTS.first} and ${PORTS.end} in 100 attempts`);
}

function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // A process killed by a signal (SIGABRT when V8 runs out of heap) has no exit code, only the signal.
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`prizedraw start exited with ${child.exitCode ?? child.signalCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

/**
 * Starts services in a new process with `env` over the test's environment, its own HTTP port and, unless
 * given, its own state folder; resolves once `/health/ready` answers 200. `built` runs the compiled CLI
 * (`pnpm build` first) instead of the TypeScript sources. `onSpawn` gets the process as soon as it is
 * spawned, to measure its start-up, also one that dies before it is ready.
 */
export async function startServiceProcess(
  services: readonly string[],
  env: Record<string, string>,
  {
    readyTimeoutMs = 60_000,
    nodeArgs = [] as string[],
    built = false,
    port: fixedPort = undefined as number | undefined,
    onSpawn = (_child: ChildProcess): void => undefined,
  } = {},
): Promise<ServiceProcess> {
  // A fixed port lets a test stop a service and start it again where its clients look for it.
  const port = fixedPort ?? (await freePort());
  let stateDir = env.STATE_DIR;
  if (stateDir === undefined) {
    stateDir = await mkdtemp(join(tmpdir(), 'prizedraw-state-'));
    madeStateDirs.push(stateDir);
  }
  const cli = built ? [CLI_BUILT] : ['--import', 'tsx', CLI_SOURCE];
  const child = spawn(process.execPath, [...nodeArgs, ...cli, 'start', ...services], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, STATE_DIR: stateDir, HTTP_PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  onSpawn(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  try {
    await waitUntilReady(url, child, readyTimeoutMs);
  } catch (error) {
    await signal('SIGKILL');
    throw error;
  }
  const started: ServiceProcess = {
    child,
    url,
    stateDir,
    exited,
    stop: () => signal('SIGTERM').then(() => undefined),
    kill: () => signal('SIGKILL').then(() => undefined),
  };
  running.add(started);
  void exited.then(() => running.delete(started));
  return started;
}
