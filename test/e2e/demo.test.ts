import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { topicsContaining, waitForTopicsGone } from '../support/kafka';
import { waitUntil } from '../support/wait-until';

// The README's main job, run as a user runs it (through the CLI, on the real broker) with a smaller load:
// the demo checks every figure of its summary against the load it sent and exits 1 if one is off.

const CLI = join(__dirname, '../../services/cli/src/main.ts');

describe('prizedraw demo', () => {
  it('when run with a small load, then every figure of its summary matches the load, and its state and topics are gone', async () => {
    // A temporary folder of the test's own, to see that the demo leaves nothing in it.
    const temporary = await mkdtemp(join(tmpdir(), 'demo-test-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', CLI, 'demo', '--customers', '2000'],
      {
        env: { ...process.env, LOG_LEVEL: 'error', TMPDIR: temporary },
        timeout: 240_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    expect(stdout).toContain('checks: every figure matches the load.');
    expect(stdout).toMatch(/entrants\s+[\d,]+/);
    expect(stdout).toMatch(/won: A holiday for two\s+1\n/);
    expect(stdout).toMatch(/won: £500 cash\s+5\n/);
    // Every entrant told: nobody is on site in the demo, so every message is queued.
    expect(stdout).toMatch(/queued: offline\s+[\d,]+\n/);
    // Its draw is verifiable, and `prizedraw verify` recomputed it (docs/verifiable-draws.md).
    expect(stdout).toMatch(/draw demo-\d+-draw verified: /);
    // Its state (both processes' stores, the draw's seed) went with it: tsx may keep a cache there.
    expect((await readdir(temporary)).filter((name) => name.startsWith('prizedraw-demo-'))).toEqual([]);
    // Its topics went too: a broker keeps every topic's files open until it is deleted.
    const brand = stdout.match(/brand (demo-\d+)/)![1]!;
    await waitForTopicsGone(brand);
  }, 300_000);

  it('when stopped with SIGINT while it runs, then it still stops its services and deletes its topics and state', async () => {
    const temporary = await mkdtemp(join(tmpdir(), 'demo-test-'));
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'demo', '--customers', '2000'], {
      env: { ...process.env, LOG_LEVEL: 'error', TMPDIR: temporary },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    // The console's URL is printed once every service runs: the brand's topics exist by then.
    await waitUntil('the demo running', () => stdout.includes('console: '), { timeoutMs: 120_000 });
    const brand = stdout.match(/brand (demo-\d+)/)![1]!;
    expect(await topicsContaining(brand)).not.toEqual([]);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stdout).toMatch(/deleted the demo's \d+ topics/);
    await waitForTopicsGone(brand);
    expect((await readdir(temporary)).filter((name) => name.startsWith('prizedraw-demo-'))).toEqual([]);
  }, 180_000);
});
