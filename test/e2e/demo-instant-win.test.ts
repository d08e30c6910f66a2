import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { topicsContaining, waitForTopicsGone } from '../support/kafka';
import { waitUntil } from '../support/wait-until';

// `prizedraw demo instant-win` run as a user runs it (through the CLI, on the real MariaDB and broker) with a
// smaller load: it checks every figure of its summary against the load it sent and exits 1 if one is off.

const CLI = join(__dirname, '../../services/cli/src/main.ts');

describe('prizedraw demo instant-win', () => {
  it('when run with a small load, then every figure matches the load and the scarce quotas are spent, and its topics are gone', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', CLI, 'demo', 'instant-win', '--customers', '3000'],
      // Two partitions: fewer files for the shared broker to open while the run lasts.
      {
        env: { ...process.env, LOG_LEVEL: 'error', PARTITIONS: '2' },
        timeout: 110_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    expect(stdout).toContain('checks: every figure matches the load.');
    // 3,000 customers draw about 60 and 300 of the first two types: both daily quotas (20, 150) are spent.
    expect(stdout).toMatch(/answered\s+3000 × 201, 300 × 409\n/);
    expect(stdout).toMatch(/\$5 Cash Coupon\s+20 won .*left today 0\)\n/);
    expect(stdout).toMatch(/\$2 Cash Coupon\s+150 won .*left today 0\)\n/);
    // Its topics went too: a broker keeps every topic's files open until it is deleted.
    const brand = stdout.match(/brand (demo-iw-\d+)/)![1]!;
    await waitForTopicsGone(brand);
  }, 120_000);

  it('when stopped with SIGINT while its load runs, then it still stops the service and deletes its topics', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, 'demo', 'instant-win', '--customers', '20000'],
      {
        env: { ...process.env, LOG_LEVEL: 'error', PARTITIONS: '2' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    // Customers are being registered: the service runs, its topics exist, and requests are in flight.
    await waitUntil('the load running', () => stdout.includes('customers registered: '), {
      timeoutMs: 60_000,
    });
    const brand = stdout.match(/brand (demo-iw-\d+)/)![1]!;
    expect(await topicsContaining(brand)).not.toEqual([]);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stdout).toMatch(/deleted the demo's \d+ topics/);
    await waitForTopicsGone(brand);
  }, 120_000);
});
