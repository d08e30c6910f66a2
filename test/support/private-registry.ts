import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PrivateServer } from './private-server';
import { waitUntil } from './wait-until';

/** A {@link PrivateServer} running the schema registry, with the URL of its Confluent-compatible API. */
export interface PrivateRegistry extends PrivateServer {
  /** `http://127.0.0.1:<port>/apis/ccompat/v7`, as `stack env` gives `PRIZEDRAW_REGISTRY_URL` for the shared one. */
  readonly url: string;
  /** Starts it again (same port, same schemas) and waits until its API answers. */
  restart(): Promise<void>;
  /** SIGSTOP: it keeps taking connections (the kernel does) but answers nothing, like a hung server. */
  freeze(): Promise<void>;
  /** SIGCONT after {@link PrivateRegistry.freeze}. */
  thaw(): Promise<void>;
}

/**
 * An Apicurio Registry of one test's own (`deploy/local/lib/registry.sh`'s `registry_exec_private`: the
 * stack's jar, its schemas in an H2 file in its own folder, so they outlive a crash as a real registry's
 * do), on its own port: an outage test crashes and restarts this one, never the stack's shared registry.
 * Resolves once the API answers, not only the port (Quarkus listens before the storage is ready).
 */
export async function startPrivateRegistry(): Promise<PrivateRegistry> {
  // The JVM starts in ~3 s on an idle machine; a loaded one (load average 33 on 2 cores) took over 30 s.
  const server = await PrivateServer.start({ component: 'registry', post: false, startTimeoutMs: 90_000 });
  const url = `http://127.0.0.1:${server.port}/apis/ccompat/v7`;
  const answers = () =>
    waitUntil(
      `private registry at ${url}`,
      () =>
        fetch(`${url}/subjects`).then(
          (response) => response.ok,
          () => false,
        ),
      { timeoutMs: 90_000, everyMs: 100 },
    );
  await answers();
  return Object.assign(server, {
    url,
    async restart() {
      await server.startAgain();
      await answers();
    },
    freeze: async () => void process.kill(await listenerPid(server.port), 'SIGSTOP'),
    thaw: async () => void process.kill(await listenerPid(server.port), 'SIGCONT'),
  });
}

/** The process listening on loopback `port` (the registry's JVM: its script execs java). */
async function listenerPid(port: number): Promise<number> {
  const { stdout } = await promisify(execFile)('ss', ['-Hltnp', `sport = :${port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  if (pid === undefined) throw new Error(`no process listens on port ${port}: ${stdout}`);
  return Number(pid);
}
