import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { focusIsOn, tabTo } from './keyboard';

/** A violation axe-core found, as much of it as a failure message needs. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The serious and critical WCAG 2 A/AA violations axe-core finds on the page as it is now (axe-core's own
 * script injected from node_modules: nothing is fetched).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  // A string: the function runs in the page, whose DOM types the Node project does not load.
  const violations = (await page.evaluate(
    "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => r.violations)",
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** With CONSOLE_SCREENSHOTS=<dir>, saves the page as <dir>/<name>.png (docs/console.md shows them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`) as `${string}.png`, fullPage: true });
}

/** Whether the page fits its viewport's width (no sideways scrolling of the page itself). */
export const fitsWidth = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as Promise<boolean>;

/**
 * A new page of the console at `url`, logged in with `token` (kept per tab, so each page logs in) by keyboard:
 * the token field has focus, the token is typed, Tab reaches Log in, Enter.
 */
export async function loggedInPage(browser: Browser, url: string, token: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(`${url}/console/`);
  await page.waitForSelector('#token');
  if (!(await focusIsOn(page, '#token'))) throw new Error('the login page does not focus the token field');
  await page.keyboard.sendCharacter(token);
  await tabTo(page, '#login button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#define', { timeout: 15_000 });
  return page;
}
