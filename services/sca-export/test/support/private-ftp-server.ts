import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../../test/support/service-process';
import { ftpServer, STACK_DIR } from './servers';
import { until } from './until';

/**
 * A vsftpd of one test's own: the stack's binary, FTP user, jail and TLS certificate (so its files land
 * where `ftpRootDir()` shows them, and the shared server serves them too), on a port of its own. A fault
 * test crashes and restarts this one; the other test files keep the stack's shared server all along (a CI
 * run failed when a fault test of one file stopped the shared server under another file's tests).
 */
export class PrivateFtpServer {
  readonly port: number;
  readonly #dir: string;

  private constructor(port: number, dir: string) {
    this.port = port;
    this.#dir = dir;
  }

  /**
   * Starts a server with the stack's vsftpd settings but its own port and passive ports; `maxRate` (bytes per
   * second of one transfer, vsftpd's `local_max_rate`) slows uploads so a test can crash the server mid-way.
   */
  static async start({ maxRate = 0 } = {}): Promise<PrivateFtpServer> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'private-ftp-'));
    const config = readFileSync(join(STACK_DIR, 'ftp', 'vsftpd.conf'), 'utf8')
      .replace(/^listen_port=.*$/m, `listen_port=${port}`)
      // Passive ports of the system's choosing: the shared server's range stays its own.
      .replace(/^pasv_m(in|ax)_port=.*$/gm, '')
      .replace(/^vsftpd_log_file=.*$/m, `vsftpd_log_file=${join(dir, 'transfers.log')}`)
      .concat(`\nlocal_max_rate=${maxRate}\n`);
    writeFileSync(join(dir, 'vsftpd.conf'), config);
    const server = new PrivateFtpServer(port, dir);
    await server.startAgain();
    return server;
  }

  /** Connection settings of this server: the shared server's, with this port. */
  settings(): ReturnType<typeof ftpServer> {
    return { ...ftpServer(), port: this.port };
  }

  /** Starts the server (again), once it greets. */
  async startAgain(): Promise<void> {
    spawn('/usr/sbin/vsftpd', [join(this.#dir, 'vsftpd.conf')], { stdio: 'ignore' });
    await until(() => greets(this.port), `vsftpd on port ${this.port} to greet`, 10_000, 50);
  }

  /**
   * Kills the server like a crash would: the listener and every session process of it. vsftpd puts each
   * session in its own process group and forks while sessions start, so neither the listener's group nor one
   * snapshot of its process tree catches them all (an upload survived a crash now and then): every process
   * running this server's config file is killed, looking again until none is left.
   */
  crash(): void {
    const config = join(this.#dir, 'vsftpd.conf');
    for (let round = 0; round < 100; round += 1) {
      const running = processesRunning(config);
      if (running.length === 0) break;
      for (const pid of running) signalQuietly(pid, 'SIGKILL');
    }
  }

  /** Whether the server runs (its processes), for a test's failure message. */
  state(): string {
    const running = processesRunning(join(this.#dir, 'vsftpd.conf'));
    return running.length === 0 ? 'ftp: not running' : `ftp: running (pids ${running.join(' ')})`;
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers or moves, as with a hung host. */
  freeze(): void {
    for (const pid of processesRunning(join(this.#dir, 'vsftpd.conf'))) signalQuietly(pid, 'SIGSTOP');
  }

  /** Lets a frozen server run on (SIGCONT). */
  thaw(): void {
    for (const pid of processesRunning(join(this.#dir, 'vsftpd.conf'))) signalQuietly(pid, 'SIGCONT');
  }

  async close(): Promise<void> {
    this.thaw();
    this.crash();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Whether an FTP server on `port` answers with its 220 greeting. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1_000);
    socket.once('data', (data) => {
      resolve(data.toString('latin1').startsWith('220'));
      socket.destroy();
    });
    socket.once('timeout', () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/** The processes whose command line names `file` (vsftpd's session processes keep the listener's). */
function processesRunning(file: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(file)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
