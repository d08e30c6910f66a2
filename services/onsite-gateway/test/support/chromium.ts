import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

// Debian's chromium (scripts/bootstrap.sh installs it), driven by puppeteer-core, which downloads no browser.

/** The Chromium to drive: CHROMIUM_PATH, else `chromium` on the PATH. */
export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && existsSync(configured)) return configured;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      "no chromium: run scripts/bootstrap.sh (it installs Debian's chromium) or set CHROMIUM_PATH",
    );
  }
}

/** A headless Chromium; close it in afterAll. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root in a container has no user namespace for the sandbox; /dev/shm is small there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
