import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './service-process';
import { waitUntil } from './wait-until';

const KAFKA_SH = join(__dirname, '../../deploy/local/lib/kafka.sh');
const COMMON_SH = join(__dirname, '../../deploy/local/lib/common.sh');

/**
 * A single-broker KRaft cluster of one test's own: the stack's jars and `server.properties`
 * (`kafka_exec_private` in deploy/local/lib/kafka.sh) on ports and a data folder of its own, with its
 * controller in a second process that lives through the broker's restarts (why: see kafka_exec_private). A
 * test that crashes or restarts a broker uses this one; the shared broker on 9092 serves every other test.
 */
export class PrivateKafkaBroker {
  readonly port: number;
  readonly #controllerPort: number;
  readonly #dir: string;
  #controller: ChildProcess | undefined;
  #process: ChildProcess | undefined;
  /** How many times the controller had fenced the broker when it was last killed; undefined once back. */
  #fencedBeforeKill: number | undefined;

  private constructor(port: number, controllerPort: number, dir: string) {
    this.port = port;
    this.#controllerPort = controllerPort;
    this.#dir = dir;
  }

  /** Formats a fresh data folder and starts the broker; resolves once it answers a metadata request. */
  static async start(): Promise<PrivateKafkaBroker> {
    const broker = new PrivateKafkaBroker(
      await freePort(),
      await freePort(),
      mkdtempSync(join(tmpdir(), 'private-kafka-')),
    );
    broker.#controller = broker.#spawn('controller');
    await broker.startAgain().catch(async (error) => {
      await broker.close();
      throw error;
    });
    return broker;
  }

  /** `host:port` of its client listener, as `KAFKA_BROKERS` takes it. */
  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** The broker's own output (appended across restarts), for a failing test to look at. */
  get logFile(): string {
    return join(this.#dir, 'broker.log');
  }

  get #controllerLogFile(): string {
    return join(this.#dir, 'controller.log');
  }

  /** A KafkaJS client of this broker, quiet (its retries outlast a restart of the broker). */
  client(clientId = 'prizedraw-tests'): Kafka {
    return new Kafka({
      clientId,
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 10, maxRetryTime: 2_000 },
    });
  }

  /**
   * Starts the broker on its data folder (again); resolves once it answers a metadata request. After a
   * SIGKILL it first waits for the controller to fence the lost broker, as a machine that died is fenced
   * long before it is back: a broker that comes back sooner would replay leaderships it no longer holds.
   */
  async startAgain(): Promise<void> {
    const fencedBefore = this.#fencedBeforeKill;
    if (fencedBefore !== undefined)
      await waitUntil(
        `the controller to fence the killed broker (log: ${this.#controllerLogFile})`,
        () => this.#fences() > fencedBefore,
        { timeoutMs: 30_000, everyMs: 100 },
      );
    this.#fencedBeforeKill = undefined;
    const child = this.#spawn('broker');
    this.#process = child;
    // One attempt per probe: the poll is the retry.
    const admin = new Kafka({
      clientId: 'private-broker-probe',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      retry: { retries: 0 },
    }).admin();
    await waitUntil(
      `the private broker on port ${this.port} to answer (log: ${this.logFile})`,
      async () => {
        if (child.exitCode !== null) throw new Error(`the private broker exited (log: ${this.logFile})`);
        if (!isRunning(this.#controller))
          throw new Error(`the private controller exited (log: ${this.#controllerLogFile})`);
        return admin.connect().then(
          () => admin.listTopics().then(() => true),
          () => false,
        );
      },
      { timeoutMs: 60_000, everyMs: 250 },
    ).finally(() => admin.disconnect());
  }

  /**
   * What Kafka's own transactions tool says about the broker's transactions: every transactional id with its
   * state, and any transaction left open in a partition without its coordinator knowing (a hanging one). A
   * read_committed consumer stops at the first open transaction of a partition, so a test whose consumers
   * stall prints this to tell a broker that lost a commit marker from a client that stopped reading. With a
   * topic, also each of its partitions' producers and the start of their open transaction, if any.
   */
  async transactionReport(topic?: string, partitions = 8): Promise<string> {
    const tool = async (args: string) => {
      const command = `source "${COMMON_SH}" && source "${KAFKA_SH}" && kafka_java org.apache.kafka.tools.TransactionsCommand --bootstrap-server 127.0.0.1:${this.port} ${args}`;
      try {
        return (await promisify(execFile)('bash', ['-c', command], { timeout: 30_000 })).stdout;
      } catch (error) {
        return `(${args} failed: ${(error as Error).message})`;
      }
    };
    // The broker is node 1 (kafka_exec_private); open for 0 minutes or more
    // is any age (the tool's default looks only at transactions older than 15 minutes).
    const hanging = tool('find-hanging --broker-id 1 --max-transaction-timeout 0');
    const producers = Array.from({ length: topic === undefined ? 0 : partitions }, (_, partition) =>
      tool(`describe-producers --topic ${topic} --partition ${partition}`).then(
        (out) => `${partition}: ${out}`,
      ),
    );
    const [list, hung, ...described] = await Promise.all([tool('list'), hanging, ...producers]);
    return [
      `transactions of the private broker (log: ${this.logFile}):`,
      list,
      'hanging:',
      hung,
      ...described,
    ].join('\n');
  }

  /**
   * Stops the broker and starts it again on the same data: `crash` kills it (SIGKILL, no controlled
   * shutdown, as a lost machine would); otherwise SIGTERM, a controlled shutdown as a rolling restart does.
   */
  async restart({ crash = true } = {}): Promise<void> {
    await this.stop(crash ? 'SIGKILL' : 'SIGTERM');
    await this.startAgain();
  }

  /** Stops the broker and waits for its exit; its data (and the controller) stay for a restart. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (signal === 'SIGKILL' && isRunning(child)) this.#fencedBeforeKill = this.#fences();
    await stopProcess(child, signal);
  }

  /** Kills the broker and its controller and deletes their data. */
  async close(): Promise<void> {
    await this.stop();
    await stopProcess(this.#controller, 'SIGKILL');
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** One node of the cluster (`kafka_exec_private`), its output appended to `<role>.log`. */
  #spawn(role: 'controller' | 'broker'): ChildProcess {
    const log = openSync(join(this.#dir, `${role}.log`), 'a');
    return spawn(
      'bash',
      [
        '-c',
        `source "${COMMON_SH}" && source "${KAFKA_SH}" && kafka_exec_private "$0" "$1" "$2" "$3"`,
        this.#dir,
        String(this.port),
        String(this.#controllerPort),
        role,
      ],
      { stdio: ['ignore', log, log] },
    );
  }

  /** How many times the controller has fenced the broker because its session timed out. */
  #fences(): number {
    let log = '';
    try {
      log = readFileSync(this.#controllerLogFile, 'utf8');
    } catch {
      return 0;
    }
    return log.split('Fencing broker 1 at epoch').length - 1;
  }
}

function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Sends `signal` to `child` if it still runs, and waits for its exit. */
async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
