import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@prizedraw/cli';
import type { RunningServices } from '@prizedraw/service';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../../../onsite-gateway/test/support/chromium';

/** What a test needs of every process it starts: a brand of its own and the token secret. */
type TestEnv = { BRAND: string; API_TOKEN_SECRET: string } & Record<string, string>;

/** A process a test started; `close` stops it and removes its state directory. */
export interface TestProcess {
  readonly running: RunningServices;
  close(): Promise<void>;
}

/**
 * `prizedraw start <services>` in this process for a test: 2 partitions (every topic of a brand counts
 * against the shared broker's file descriptors), a free port unless `env` names one, a state directory of
 * its own; `env` adds to or overrides these.
 */
export async function startTestProcess(services: readonly string[], env: TestEnv): Promise<TestProcess> {
  const stateDir = await mkdtemp(join(tmpdir(), 'console-test-'));
  const running = await start(services, {
    ...process.env,
    PARTITIONS: '2',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    STATE_DIR: stateDir,
    ...env,
  });
  return {
    running,
    async close() {
      await running.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** A console test's process beside a headless Chromium; `close` ends both. */
export interface ConsoleTestProcess extends TestProcess {
  readonly browser: Browser;
}

/** {@link startTestProcess} and a headless Chromium, started side by side. */
export async function startConsoleProcess(
  services: readonly string[],
  env: TestEnv,
): Promise<ConsoleTestProcess> {
  const [started, browser] = await Promise.all([startTestProcess(services, env), launchChromium()]);
  return {
    running: started.running,
    browser,
    async close() {
      await browser.close();
      await started.close();
    },
  };
}
