import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServiceProcess, startServiceProcess } from '../../support/service-process';

const STAGES = ['ingestion', 'enrichment', 'dedupe', 'ticket-rules'];

/** The processes of an end-to-end run, by name, and the services each one runs. */
const LAYOUT = {
  'stages-1': STAGES,
  'stages-2': STAGES,
  'wallet-1': ['ticket-wallet'],
  'wallet-2': ['ticket-wallet'],
  draw: ['prize-draw'],
} as const;

export type ProcessName = keyof typeof LAYOUT;

/** The running processes of one end-to-end test. */
export interface PipelineProcesses {
  get(name: ProcessName): ServiceProcess;
  /** Kills the process with SIGKILL and starts it again on the same state directory. */
  restart(name: ProcessName): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * Starts, on the topics of `env.BRAND` (created beforehand), two processes running ingestion → ticket-rules,
 * two running the ticket wallet and one running the draw service, each with its own state directory. The
 * groups' session timeout is short so a killed instance's partitions move within seconds.
 */
export async function startPipelineProcesses(env: Record<string, string>): Promise<PipelineProcesses> {
  const envs = new Map<ProcessName, Record<string, string>>();
  const running = new Map<ProcessName, ServiceProcess>();
  const start = async (name: ProcessName) => {
    const stateDir = envs.get(name)?.STATE_DIR ?? (await mkdtemp(join(tmpdir(), `${env.BRAND}-${name}-`)));
    const processEnv = { KAFKA_SESSION_TIMEOUT_MS: '10000', ...env, STATE_DIR: stateDir };
    envs.set(name, processEnv);
    running.set(name, await startServiceProcess(LAYOUT[name], processEnv, { readyTimeoutMs: 90_000 }));
    return running.get(name)!;
  };
  await Promise.all((Object.keys(LAYOUT) as ProcessName[]).map(start));
  return {
    get: (name) => running.get(name)!,
    async restart(name) {
      await running.get(name)!.kill();
      return start(name);
    },
    async stop() {
      await Promise.all([...running.values()].map((p) => p.stop()));
    },
  };
}
