import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createDeployment } from '../../../test/e2e/support/deployment';

// The demo's fused stages run in a process it forks (src/demo/pipeline-process.ts). That process must be the
// pipeline, and must not outlive the demo: a demo killed with SIGKILL runs no clean-up of its own.

const PARENT = join(__dirname, 'support/pipeline-parent.ts');

/** Whether a process with `pid` still runs. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function firstLine(child: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: child.stdout! })) return line;
  throw new Error('the parent ended without a line');
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return condition();
}

describe("the demo's pipeline process", () => {
  it('when its parent is killed with SIGKILL, then it stops by itself', async () => {
    const { env, brand } = await createDeployment();
    const stateDir = await mkdtemp(join(tmpdir(), 'prizedraw-pipeline-process-'));
    const parent = spawn(process.execPath, ['--import', 'tsx', PARENT], {
      env: { ...process.env, ...env, STATE_DIR: stateDir, HTTP_PORT: '0', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const { url } = JSON.parse(await firstLine(parent)) as { url: string };
      // The fused stages, as one application.
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain(`application="prizedraw-${brand}-pipeline"`);
      // The parent's child running `prizedraw start` (tsx has one of its own too).
      const pid = Number(
        execFileSync('pgrep', ['-P', String(parent.pid), '-f', 'main.ts start enrichment'], {
          encoding: 'utf8',
        }),
      );
      expect(running(pid)).toBe(true);

      parent.kill('SIGKILL');

      expect(await until(() => !running(pid), 30_000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 120_000);
});
